// yanbao schema: the documented archive schema (the embedded schema/schema.md).
#include <iostream>

#include "cli/command.h"
#include "util/embedded.h"
#include "util/error.h"

namespace yanbao {

void setup_schema(CLI::App& app, CommandContext& ctx) {
  auto* sub = app.add_subcommand("schema", "Print the documented archive schema (tables and columns)");
  sub->footer("Examples:\n  yanbao schema | less\n  yanbao schema | grep -A12 '^### ratings'");
  sub->callback([&ctx] {
    auto doc = embedded::find("schema/schema.md");
    if (!doc) throw FatalError("this yanbao was built without schema/schema.md");
    std::cout << *doc;
    if (!doc->empty() && doc->back() != '\n') std::cout << '\n';
    ctx.exit_code = kExitOk;
  });
}

}  // namespace yanbao
