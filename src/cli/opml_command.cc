// `wiredesk import-opml FILE` and `wiredesk export-opml`: subscriptions in and out, folders kept.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>

#include "cli/cli.h"
#include "parse/opml.h"
#include "store/store.h"

namespace wiredesk::cli {

namespace {

constexpr uintmax_t kMaxOpmlBytes = 16u << 20;

struct OpmlOptions {
  std::string db;
  std::string file;
};

int RunImport(const OpmlOptions& o) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(o.file, ec);
  if (ec) return ReportError(o.file + ": cannot read (" + ec.message() + ")");
  if (size > kMaxOpmlBytes) return ReportError(o.file + ": larger than 16 MiB; not an OPML file");
  std::ifstream in(o.file, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto doc = parse::ParseOpml(bytes);
  if (!doc) {
    Error e = doc.error();
    e.context = o.file;
    return ReportError(e);
  }
  auto store = OpenDatabase(o.db);
  if (!store) return ReportError(store.error());
  int added = 0, existing = 0, refused = 0;
  for (const parse::OpmlSubscription& s : doc->subscriptions) {
    auto id = (*store)->AddFeed({s.xml_url, s.title, s.folder, s.html_url});
    if (id) {
      ++added;
    } else if (id.error().code == ErrorCode::kConflict) {
      ++existing;
    } else {
      ++refused;
      ReportError(id.error());  // one line each; the import goes on
    }
  }
  std::cout << "imported " << added << " feed" << (added == 1 ? "" : "s");
  if (existing > 0) std::cout << ", " << existing << " already subscribed";
  if (refused > 0) std::cout << ", " << refused << " refused";
  std::cout << "\n";
  return refused > 0 && added == 0 && existing == 0 ? 1 : 0;
}

int RunExport(const OpmlOptions& o) {
  auto store = OpenDatabase(o.db);
  if (!store) return ReportError(store.error());
  auto feeds = (*store)->ListFeeds();
  if (!feeds) return ReportError(feeds.error());
  parse::OpmlDocument doc;
  doc.title = "wiredesk subscriptions";
  for (const store::FeedRecord& f : *feeds) {
    doc.subscriptions.push_back({f.url, f.site_url, f.title, f.folder});
  }
  std::cout << parse::WriteOpml(doc);
  return 0;
}

}  // namespace

void AddOpmlCommands(CLI::App& root, Action& action) {
  auto opts = std::make_shared<OpmlOptions>();
  CLI::App* imp = root.add_subcommand("import-opml", "Subscribe to every feed in an OPML file");
  imp->add_option("file", opts->file, "the OPML file")->required();
  imp->add_option("--db", opts->db, "database file (or $WIREDESK_DB)");
  imp->callback([opts, &action] { action = [opts] { return RunImport(*opts); }; });

  CLI::App* exp = root.add_subcommand("export-opml", "Print the subscriptions as OPML 2.0");
  exp->add_option("--db", opts->db, "database file (or $WIREDESK_DB)");
  exp->callback([opts, &action] { action = [opts] { return RunExport(*opts); }; });
}

}  // namespace wiredesk::cli
