#pragma once
/// Errors the CLI reports with a distinct exit code. Thrown only for conditions that end a
/// command; per-file problems during ingest are values (see ingest/ingest.h).
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

/// A user mistake (bad argument, unknown name): exit code 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Anything else that stops a command: exit code 1.
struct FatalError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace yanbao
