#pragma once
/// Errors the CLI reports with a distinct exit code, and the one shape of message a user
/// sees for them. Thrown only for conditions that end a command; per-file problems during
/// ingest are values (see ingest/ingest.h).
#include <stdexcept>
#include <string>

namespace yanbao {

/// Documented exit codes (README "Exit codes").
enum ExitCode : int {
  kExitOk = 0,
  kExitFatal = 1,     ///< nothing was half-written
  kExitUsage = 2,     ///< bad arguments, unknown command/query/parameter
  kExitPartial = 3,   ///< finished, but some files were rejected
  kExitSigint = 130,
  kExitSigterm = 143,
};

/// What a user is told when a command cannot do what was asked (lnav's user_message): the
/// reason, the input it is about, a close match for a misspelled name, and what to do.
struct UserMessage {
  std::string reason;        ///< "unknown query 'pick-histroy'"
  std::string input;         ///< the offending input when the reason does not show it ("" for none)
  std::string did_you_mean;  ///< a close match ("" for none); an option is shown bare, a name quoted
  std::string help;          ///< what to do about it ("" for nothing to add)

  /// "reason; did you mean 'x'?", then "  input: …" and "  help: …" lines when set; no
  /// trailing newline. The CLI prints it after "yanbao: ".
  std::string render() const {
    std::string s = reason;
    if (!did_you_mean.empty())
      s += "; did you mean " + (did_you_mean[0] == '-' ? did_you_mean : "'" + did_you_mean + "'") + "?";
    if (!input.empty()) s += "\n  input: " + input;
    if (!help.empty()) s += "\n  help: " + help;
    return s;
  }
};

/// An error that ends a command, with its message for the user.
struct UserError : std::runtime_error {
  explicit UserError(UserMessage m) : std::runtime_error(m.render()), message(std::move(m)) {}
  UserMessage message;
};

/// A user mistake (bad argument, unknown name): exit code 2.
struct UsageError : UserError {
  explicit UsageError(std::string reason) : UserError(UserMessage{std::move(reason), {}, {}, {}}) {}
  explicit UsageError(UserMessage m) : UserError(std::move(m)) {}
};

/// Anything else that stops a command: exit code 1.
struct FatalError : UserError {
  explicit FatalError(std::string reason) : UserError(UserMessage{std::move(reason), {}, {}, {}}) {}
  explicit FatalError(UserMessage m) : UserError(std::move(m)) {}
};

/// A statement failed while it ran: SQLite's reason. Built-in queries make it yanbao's
/// error (exit 1); in the user's own SQL it is theirs (canned.cpp turns it into usage).
struct SqlStepError : FatalError {
  using FatalError::FatalError;
};

/// A malformed full-text search expression: always the user's (exit 2).
struct SearchSyntaxError : UsageError {
  using UsageError::UsageError;
};

}  // namespace yanbao
