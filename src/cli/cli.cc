#include "cli/cli.h"

#include <cstdio>
#include <cstdlib>
#include <iostream>

namespace wiredesk::cli {

int ReportError(const Error& error) { return ReportError(error.ToString()); }

int ReportError(const std::string& message) {
  std::string line = message;
  for (char& c : line) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  std::fprintf(stderr, "wiredesk: %s\n", line.c_str());
  return 1;
}

std::string ValidateInstant(const std::string& value) {
  return ParseIso8601(value) ? std::string()
                             : "expected an ISO 8601 time such as 2025-06-27T12:00:00Z";
}

std::string DatabaseSpec(const std::string& flag_value) {
  if (!flag_value.empty()) return flag_value;
  const char* env = std::getenv("WIREDESK_DB");
  return env ? env : "";
}

Result<std::unique_ptr<store::Store>> OpenDatabase(const std::string& flag_value) {
  const std::string spec = DatabaseSpec(flag_value);
  if (spec.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "--db FILE or --db postgresql://... (or WIREDESK_DB) is required");
  }
  return store::OpenStore(spec);
}

int Main(int argc, char** argv) {
  CLI::App app{"wiredesk: a self-hosted news desk", "wiredesk"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "wiredesk 0.1.0");
  Action action;
  AddExtractCommand(app, action);
  AddIngestCommand(app, action);
  AddSearchCommand(app, action);
  AddServeCommand(app, action);
  AddCountCommand(app, action);
  AddEnrichCommand(app, action);
  AddEvalCommand(app, action);
  AddTrainCommand(app, action);
  AddFeedsCommand(app, action);
  AddOpmlCommands(app, action);
  AddRefreshCommand(app, action);
  AddUsersCommands(app, action);
  AddMigrateCommand(app, action);
  AddStoriesCommands(app, action);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return 0;
  } catch (const CLI::CallForAllHelp&) {
    std::cout << app.help("", CLI::AppFormatMode::All);
    return 0;
  } catch (const CLI::CallForVersion& v) {
    std::cout << v.what() << "\n";
    return 0;
  } catch (const CLI::ParseError& e) {
    // Help for the subcommand that was being parsed, when the user asked for it.
    if (e.get_exit_code() == 0) {
      return app.exit(e);
    }
    ReportError(std::string(e.what()) + " (see wiredesk --help)");
    return 2;
  }
  if (!action) return ReportError("no subcommand given (see wiredesk --help)");
  try {
    return action();
  } catch (const std::exception& e) {
    // Libraries that throw are wrapped where they are used; this is the last fence.
    return ReportError(std::string("internal error: ") + e.what());
  }
}

}  // namespace wiredesk::cli
