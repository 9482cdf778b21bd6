// The executable is the core library plus argument parsing: everything lives in yanbao_core.
#include "cli/command.h"

int main(int argc, char** argv) { return yanbao::run_cli(argc, argv); }
