// `wiredesk users add` and `wiredesk tokens create`: accounts made by the operator (the first
// admin, moderators, readers when sign-up is closed) and API tokens for the comment API;
// `wiredesk users app-password`: a reader's password for feed-reader apps.
#include <fstream>
#include <iostream>
#include <memory>
#include <utility>

#include "cli/cli.h"
#include "serve/accounts/credentials.h"
#include "serve/reader/app_password.h"
#include "store/result_macros.h"

namespace wiredesk::cli {

namespace {

struct UsersAddOptions {
  std::string db;
  std::string name;
  std::string password_file;
  bool admin = false;
  bool moderator = false;
};

struct AppPasswordOptions {
  std::string db;
  std::string name;
};

struct TokensCreateOptions {
  std::string db;
  std::string name;
  std::string label;
};

// The password is the file's first line ("-": standard input), so a trailing newline from
// `echo` or an editor is not part of it. Never a command-line argument: ps would show it.
Result<std::string> ReadPassword(const std::string& path) {
  std::string text;
  if (path == "-") {
    std::getline(std::cin, text);
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Fail(ErrorCode::kNotFound, "cannot read the password file", path);
    std::getline(in, text);
  }
  if (!text.empty() && text.back() == '\r') text.pop_back();
  if (text.empty()) return Fail(ErrorCode::kInvalidArgument, "the password file is empty", path);
  return text;
}

int RunUsersAdd(const UsersAddOptions& o) {
  if (o.admin && o.moderator) return ReportError("choose one of --admin and --moderator");
  if (!serve::IsValidAccountName(o.name)) {
    return ReportError("a name is 3 to 32 letters, digits, dots, dashes or underscores: " + o.name);
  }
  auto password = ReadPassword(o.password_file);
  if (!password) return ReportError(password.error());
  if (auto ok = serve::CheckNewPassword(*password, o.name); !ok) return ReportError(ok.error());
  auto hash = serve::HashPassword(*password);
  if (!hash) return ReportError(hash.error());
  auto store = OpenDatabase(o.db);
  if (!store) return ReportError(store.error());
  const std::string role = o.admin ? "admin" : o.moderator ? "moderator" : "reader";
  auto id = (*store)->AddAccount(User{0, o.name, role, {}}, *hash);
  if (!id) return ReportError(id.error());
  std::cout << "added " << role << " " << o.name << " (user " << *id << ")\n";
  return 0;
}

// The store and the named user in it, or the error to report.
Result<std::pair<std::unique_ptr<store::Store>, User>> StoreAndUser(const std::string& db,
                                                                    const std::string& name) {
  WD_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, OpenDatabase(db));
  WD_ASSIGN_OR_RETURN(std::optional<store::Account> account, store->FindAccount(name));
  if (!account) {
    return Fail(ErrorCode::kNotFound, "no user named " + name + " (see wiredesk users add)");
  }
  return std::pair{std::move(store), account->user};
}

int RunTokensCreate(const TokensCreateOptions& o) {
  auto found = StoreAndUser(o.db, o.name);
  if (!found) return ReportError(found.error());
  auto& [store, user] = *found;
  const std::string token = serve::NewToken();
  auto id = store->AddApiToken(user.id, serve::TokenHash(token), o.label);
  if (!id) return ReportError(id.error());
  // The only time the token is shown: the store keeps its hash.
  std::cout << token << "\n";
  return 0;
}

// A new app password replaces the reader's old one (serve/reader/app_password.h).
int RunAppPassword(const AppPasswordOptions& o) {
  auto found = StoreAndUser(o.db, o.name);
  if (!found) return ReportError(found.error());
  auto& [store, user] = *found;
  const std::string password = serve::NewAppPassword();
  const std::string& name = user.name;
  auto set = store->SetAppKeyHash(user.id, serve::AppKeyHash(serve::FeverKey(name, password)));
  if (!set) return ReportError(set.error());
  // The only time it is shown: the store keeps a hash of the Fever key made from it.
  std::cout << password << "\n";
  std::cerr << "app password for " << name
            << " (user name exactly as written here): Google Reader API at this site's address, "
               "Fever API at /fever/\n";
  return 0;
}

}  // namespace

void AddUsersCommands(CLI::App& root, Action& action) {
  CLI::App* users = root.add_subcommand("users", "Reader accounts");
  users->require_subcommand(1);
  auto add = std::make_shared<UsersAddOptions>();
  CLI::App* add_cmd = users->add_subcommand("add", "Add an account (the first admin, moderators, readers)");
  add_cmd->add_option("--db", add->db, "database file (or $WIREDESK_DB)");
  add_cmd->add_option("name", add->name, "account name: 3-32 letters, digits, . _ -")->required();
  add_cmd->add_option("--password-file", add->password_file,
                      "file whose first line is the password ('-': standard input)")
      ->required();
  add_cmd->add_flag("--admin", add->admin, "an administrator (moderates too)");
  add_cmd->add_flag("--moderator", add->moderator, "a moderator: hides and restores comments");
  add_cmd->callback([add, &action] { action = [add] { return RunUsersAdd(*add); }; });

  auto app = std::make_shared<AppPasswordOptions>();
  CLI::App* app_cmd = users->add_subcommand(
      "app-password",
      "Make a reader's password for feed-reader apps (Google Reader and Fever APIs); shown once");
  app_cmd->add_option("--db", app->db, "database file (or $WIREDESK_DB)");
  app_cmd->add_option("name", app->name, "the reader")->required();
  app_cmd->callback([app, &action] { action = [app] { return RunAppPassword(*app); }; });

  CLI::App* tokens = root.add_subcommand("tokens", "API tokens for the JSON API's writes");
  tokens->require_subcommand(1);
  auto create = std::make_shared<TokensCreateOptions>();
  CLI::App* create_cmd =
      tokens->add_subcommand("create", "Make an API token for a user and print it (shown once)");
  create_cmd->add_option("--db", create->db, "database file (or $WIREDESK_DB)");
  create_cmd->add_option("name", create->name, "the user the token acts as")->required();
  create_cmd->add_option("--label", create->label, "what the token is for (\"laptop\")");
  create_cmd->callback([create, &action] { action = [create] { return RunTokensCreate(*create); }; });
}

}  // namespace wiredesk::cli
