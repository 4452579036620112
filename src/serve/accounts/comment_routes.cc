// The comment routes: the article page's forms (post, reply, edit, delete, report, hide,
// restore) and the comment API. Who may do what: any signed-in reader posts, replies and
// reports; authors edit and delete their own; moderators (and admins) hide, restore and, in
// the API, delete.
#include <fmt/format.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/text.h"
#include "serve/accounts/account_routes.h"
#include "serve/accounts/comment_markdown.h"
#include "serve/accounts/credentials.h"
#include "serve/api/api_routes.h"
#include "serve/router.h"

namespace wiredesk::serve {

namespace {

using nlohmann::json;

Response SeeComment(int64_t article_id, int64_t comment_id) {
  return Redirect(fmt::format("/articles/{}#comment-{}", article_id, comment_id));
}

std::string_view CommentState(const Comment& c) {
  return c.deleted ? "deleted" : c.hidden ? "hidden" : "visible";
}

json CommentJson(const Comment& c) {
  const bool visible = !c.deleted && !c.hidden;
  return json{{"id", c.id},
              {"article_id", c.article_id},
              {"parent", c.parent_id ? json(*c.parent_id) : json(nullptr)},
              {"author", c.author_name},
              {"body", visible ? c.body : std::string()},
              {"body_html", visible ? CommentHtml(c.body) : std::string()},
              {"created", FormatIso8601(c.created)},
              {"edited", c.edited ? json(FormatIso8601(*c.edited)) : json(nullptr)},
              {"state", CommentState(c)}};
}

Response StoreFailure(const Error& e) {
  std::fprintf(stderr, "wiredesk serve: %s\n", e.ToString().c_str());
  return api::JsonError(500, "the store could not be used");
}

}  // namespace

AccountRoutes::Outcome AccountRoutes::AddCommentAs(const User& author, int64_t article_id,
                                                   std::string_view raw_body,
                                                   std::optional<int64_t> parent) {
  // Form fields arrive repaired (QueryParams), but JSON may carry "\u0000", which would end up
  // in the page and cut the text short in C APIs (PostgreSQL refuses it outright).
  const std::string body = RepairUtf8(raw_body);
  if (Trim(body).empty()) return {400, "A comment needs some text."};
  if (body.size() > kMaxCommentBytes) {
    return {413, fmt::format("A comment can be at most {} characters.", kMaxCommentBytes)};
  }
  const Instant now = clock_.Now();
  auto recent = writer_->CountCommentsSince(author.id, now - options_.comment_window);
  if (!recent) return {500, recent.error().ToString()};
  if (*recent >= options_.comments_per_window) {
    return {429, fmt::format("You have posted {} comments in the last {} minutes; wait a while "
                             "before posting again.",
                             *recent, options_.comment_window.count() / 60)};
  }
  Comment c;
  c.article_id = article_id;
  c.parent_id = parent;
  c.user_id = author.id;
  c.author_name = author.name;
  c.body = body;
  c.created = now;
  auto id = writer_->AddComment(c);
  if (!id) {
    switch (id.error().code) {
      case ErrorCode::kNotFound: return {404, "There is no such article or comment to reply to."};
      case ErrorCode::kInvalidArgument: return {400, "A reply must be on the same article."};
      default: return {500, id.error().ToString()};
    }
  }
  return {201, "", *id};
}

AccountRoutes::Outcome AccountRoutes::ChangeComment(const User& who, int64_t comment_id,
                                                    std::string_view action,
                                                    std::string_view body) {
  auto found = reader_.FindComment(comment_id);
  if (!found) return {500, found.error().ToString()};
  if (!*found) return {404, "There is no such comment."};
  const Comment& c = **found;
  const bool own = c.user_id != 0 && c.user_id == who.id;
  const bool moderator = who.role == "moderator" || who.role == "admin";
  Status st;
  if (action == "edit") {
    if (!own) return {403, "Only its author can edit a comment."};
    if (Trim(body).empty()) return {400, "A comment needs some text."};
    if (body.size() > kMaxCommentBytes) {
      return {413, fmt::format("A comment can be at most {} characters.", kMaxCommentBytes)};
    }
    st = writer_->EditComment(comment_id, body);
  } else if (action == "delete") {
    if (!own && !moderator) return {403, "Only its author or a moderator can delete a comment."};
    st = writer_->ModerateComment(comment_id, store::CommentAction::kDelete);
  } else if (action == "hide" || action == "restore") {
    if (!moderator) return {403, "Only moderators can hide or restore comments."};
    st = writer_->ModerateComment(comment_id, action == "hide" ? store::CommentAction::kHide
                                                               : store::CommentAction::kRestore);
  } else if (action == "report") {
    auto reports = writer_->ReportComment(comment_id, who.id, "");
    if (!reports) return {500, reports.error().ToString()};
  } else {
    return {404, "There is nothing at this address."};
  }
  if (!st) {
    if (st.error().code == ErrorCode::kConflict) return {409, "That comment was deleted."};
    if (st.error().code == ErrorCode::kNotFound) return {404, "There is no such comment."};
    return {500, st.error().ToString()};
  }
  return {200, "", c.article_id};
}

Response AccountRoutes::PostCommentForm(const Request& req, const Viewer& viewer, int64_t article_id) {
  if (req.method == "GET" || req.method == "HEAD") {
    return Redirect(fmt::format("/articles/{}#comments", article_id));
  }
  if (req.method != "POST") {
    Response r = pages_.Error(405, "This address takes only POST.");
    r.headers.emplace_back("Allow", "GET, HEAD, POST");
    return r;
  }
  if (writer_ == nullptr) return ReadOnly(false);
  const QueryParams form(req.body);
  if (!viewer.signed_in()) {
    return Redirect(fmt::format("/login?next=/articles/{}", article_id));
  }
  if (!ConstantTimeEquals(viewer.csrf, form.Get("csrf").value_or(""))) {
    return pages_.Error(403, "This form has expired or was sent from another site. Go back, "
                             "reload the page and try again.");
  }
  std::optional<int64_t> parent;
  if (const std::optional<std::string> p = form.Get("parent"); p && !p->empty()) {
    parent = ParseId(*p);
    if (!parent) return pages_.Error(400, "The comment to reply to is not a number.");
  }
  const Outcome out = AddCommentAs(User{viewer.user_id, viewer.name, viewer.role, {}}, article_id,
                                   form.Get("body").value_or(""), parent);
  if (out.status >= 500) {
    std::fprintf(stderr, "wiredesk serve: %s\n", out.message.c_str());
    return pages_.Error(500, "The comment could not be saved. Try again in a moment.");
  }
  if (out.status >= 400) return pages_.Error(out.status, out.message);
  return SeeComment(article_id, out.id);
}

Response AccountRoutes::CommentFormAction(const Request& req, const Viewer& viewer,
                                          int64_t comment_id, std::string_view action) {
  if (req.method != "POST") {
    Response r = pages_.Error(405, "This address takes only POST.");
    r.headers.emplace_back("Allow", "POST");
    return r;
  }
  if (writer_ == nullptr) return ReadOnly(false);
  if (!viewer.signed_in()) return pages_.Error(401, "Sign in first.");
  const QueryParams form(req.body);
  if (!ConstantTimeEquals(viewer.csrf, form.Get("csrf").value_or(""))) {
    return pages_.Error(403, "This form has expired or was sent from another site. Go back, "
                             "reload the page and try again.");
  }
  const Outcome out = ChangeComment(User{viewer.user_id, viewer.name, viewer.role, {}}, comment_id,
                                    action, form.Get("body").value_or(""));
  if (out.status >= 500) {
    std::fprintf(stderr, "wiredesk serve: %s\n", out.message.c_str());
    return pages_.Error(500, "The comment could not be changed. Try again in a moment.");
  }
  if (out.status >= 400) return pages_.Error(out.status, out.message);
  return SeeComment(out.id, comment_id);
}

std::optional<User> AccountRoutes::BearerUser(const Request& req) {
  const std::optional<std::string_view> auth = req.Header("authorization");
  if (!auth || writer_ == nullptr) return std::nullopt;
  std::string_view a = Trim(*auth);
  if (a.size() < 7 || AsciiLower(a.substr(0, 7)) != "bearer ") return std::nullopt;
  const std::string_view token = Trim(a.substr(7));
  if (!LooksLikeToken(token)) return std::nullopt;
  auto user = writer_->ApiTokenUser(TokenHash(token));
  if (!user) {
    std::fprintf(stderr, "wiredesk serve: %s\n", user.error().ToString().c_str());
    return std::nullopt;
  }
  return *user;
}

namespace {

Response Unauthorized() {
  Response r = api::JsonError(401, "send Authorization: Bearer TOKEN (wiredesk tokens create)");
  r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"wiredesk\"");
  return r;
}

}  // namespace

Response AccountRoutes::ApiComments(const Request& req, int64_t article_id) {
  if (req.method == "GET" || req.method == "HEAD") {
    auto article = reader_.FindArticle(article_id);
    if (!article) return StoreFailure(article.error());
    if (!*article) return api::JsonError(404, "no article with that id");
    auto comments = reader_.CommentsOf(article_id);
    if (!comments) return StoreFailure(comments.error());
    json list = json::array();
    for (const Comment& c : *comments) list.push_back(CommentJson(c));
    return api::JsonResponse(200, json{{"article_id", article_id}, {"comments", std::move(list)}});
  }
  if (req.method != "POST") {
    Response r = api::JsonError(405, "use GET or POST");
    r.headers.emplace_back("Allow", "GET, HEAD, POST");
    return r;
  }
  if (writer_ == nullptr) return ReadOnly(true);
  const std::optional<User> user = BearerUser(req);
  if (!user) return Unauthorized();
  const json in = json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (in.is_discarded() || !in.is_object()) return api::JsonError(400, "the body must be a JSON object");
  if (!in.contains("body") || !in["body"].is_string()) {
    return api::JsonError(400, "\"body\" must be a string");
  }
  std::optional<int64_t> parent;
  if (in.contains("parent") && !in["parent"].is_null()) {
    if (!in["parent"].is_number_integer() || in["parent"].get<int64_t>() < 1) {
      return api::JsonError(400, "\"parent\" must be a comment id or null");
    }
    parent = in["parent"].get<int64_t>();
  }
  const Outcome out = AddCommentAs(*user, article_id, in["body"].get<std::string>(), parent);
  if (out.status >= 500) {
    std::fprintf(stderr, "wiredesk serve: %s\n", out.message.c_str());
    return api::JsonError(500, "the comment could not be saved");
  }
  if (out.status >= 400) return api::JsonError(out.status, out.message);
  auto saved = reader_.FindComment(out.id);
  if (!saved || !*saved) return api::JsonResponse(201, json{{"id", out.id}});
  Response r = api::JsonResponse(201, CommentJson(**saved));
  r.headers.emplace_back("Location", fmt::format("/articles/{}#comment-{}", article_id, out.id));
  return r;
}

Response AccountRoutes::ApiComment(const Request& req, int64_t comment_id) {
  if (req.method == "GET" || req.method == "HEAD") {
    auto found = reader_.FindComment(comment_id);
    if (!found) {
      if (found.error().code == ErrorCode::kUnsupported) return api::JsonError(404, "no such comment");
      return StoreFailure(found.error());
    }
    if (!*found) return api::JsonError(404, "no such comment");
    return api::JsonResponse(200, CommentJson(**found));
  }
  if (req.method != "DELETE") {
    Response r = api::JsonError(405, "use GET or DELETE");
    r.headers.emplace_back("Allow", "GET, HEAD, DELETE");
    return r;
  }
  if (writer_ == nullptr) return ReadOnly(true);
  const std::optional<User> user = BearerUser(req);
  if (!user) return Unauthorized();
  const Outcome out = ChangeComment(*user, comment_id, "delete", "");
  if (out.status >= 500) {
    std::fprintf(stderr, "wiredesk serve: %s\n", out.message.c_str());
    return api::JsonError(500, "the comment could not be deleted");
  }
  if (out.status >= 400) return api::JsonError(out.status, out.message);
  Response r = api::JsonResponse(200, json{{"id", comment_id}, {"state", "deleted"}});
  r.cacheable = false;
  return r;
}

}  // namespace wiredesk::serve
