#include "serve/accounts/comment_view.h"

#include <fmt/format.h>

#include <optional>
#include <string>
#include <unordered_map>

#include "serve/accounts/comment_markdown.h"

namespace wiredesk::serve {

namespace {

using Data = kainjow::mustache::data;

constexpr int kMaxCommentDepth = 6;

class ThreadBuilder {
 public:
  ThreadBuilder(const std::vector<Comment>& all, const Viewer* viewer, Instant now)
      : all_(all), viewer_(viewer), now_(now) {
    std::unordered_map<int64_t, size_t> by_id;
    for (size_t i = 0; i < all.size(); ++i) by_id.emplace(all[i].id, i);
    for (size_t i = 0; i < all.size(); ++i) {
      const Comment& c = all[i];
      // A reply to an unknown comment, or to itself, is shown at the top level.
      if (c.parent_id && *c.parent_id != c.id && by_id.contains(*c.parent_id)) {
        children_[*c.parent_id].push_back(i);
      } else {
        roots_.push_back(i);
      }
    }
  }

  Data Build() {
    Data list(Data::type::list);
    for (size_t r : roots_) {
      if (std::optional<Data> d = One(r, 0, list)) list.push_back(*d);
    }
    return list;
  }

  int visible() const { return visible_; }

 private:
  bool moderator() const { return viewer_ != nullptr && viewer_->moderator(); }

  // One comment and its replies; nullopt when neither it nor any reply is to be shown.
  std::optional<Data> One(size_t i, int depth, Data& overflow) {
    const Comment& c = all_[i];
    Data replies(Data::type::list);
    bool any_reply = false;
    if (auto it = children_.find(c.id); it != children_.end()) {
      for (size_t child : it->second) {
        // Past kMaxCommentDepth replies go beside their parent rather than ever deeper.
        Data& into = depth < kMaxCommentDepth ? replies : overflow;
        if (std::optional<Data> d = One(child, depth + 1, into)) {
          into.push_back(*d);
          any_reply = any_reply || depth < kMaxCommentDepth;
        }
      }
    }
    // Moderators see hidden comments (to restore them); nobody sees a deleted one's text.
    const bool show = !c.deleted && (!c.hidden || moderator());
    if (!show && !any_reply) return std::nullopt;
    if (!c.deleted && !c.hidden) ++visible_;
    Data d;
    d.set("cm_id", std::to_string(c.id));
    d.set("cm_show", show);
    d.set("cm_placeholder", show ? Data(false)
                                 : Data(c.deleted ? "This comment was deleted."
                                                  : "This comment was hidden by a moderator."));
    d.set("cm_hidden", c.hidden);
    d.set("cm_author", c.author_name.empty() ? std::string("Anonymous") : c.author_name);
    d.set("cm_iso", FormatIso8601(c.created));
    d.set("cm_ago", RelativeTime(now_, c.created));
    d.set("cm_edited", c.edited.has_value());
    d.set("cm_html", show ? CommentHtml(c.body) : std::string());
    d.set("cm_body", show ? c.body : std::string());
    d.set("cm_reports", moderator() && c.reports > 0
                            ? Data(fmt::format("reported {}×", c.reports))
                            : Data(false));
    const bool signed_in = viewer_ != nullptr && viewer_->signed_in();
    const bool own = signed_in && c.user_id == viewer_->user_id;
    d.set("cm_can_reply", show && signed_in);
    d.set("cm_can_edit", show && own);
    d.set("cm_can_report", show && signed_in && !own && !c.hidden);
    d.set("cm_can_moderate", show && moderator());
    d.set("cm_actions", show && signed_in);
    d.set("cm_csrf", signed_in ? viewer_->csrf : std::string());
    d.set("cm_article", std::to_string(c.article_id));
    d.set("cm_has_replies", any_reply);
    d.set("cm_replies", replies);
    return d;
  }

  const std::vector<Comment>& all_;
  const Viewer* viewer_;
  Instant now_;
  std::unordered_map<int64_t, std::vector<size_t>> children_;
  std::vector<size_t> roots_;
  int visible_ = 0;
};

}  // namespace

void AddCommentSection(Data& page, int64_t article_id, const std::vector<Comment>& comments,
                       const Viewer* viewer, Instant now) {
  ThreadBuilder thread(comments, viewer, now);
  Data list = thread.Build();
  page.set("has_comments", !list.is_empty_list());
  page.set("comments", list);
  page.set("cs_count", thread.visible() > 0 ? Data(std::to_string(thread.visible())) : Data(false));
  page.set("cs_article", std::to_string(article_id));
  const bool signed_in = viewer != nullptr && viewer->signed_in();
  page.set("cs_signed_in", signed_in);
  page.set("cs_name", signed_in ? viewer->name : std::string());
  page.set("cs_csrf", signed_in ? viewer->csrf : std::string());
  page.set("cs_max", std::to_string(kMaxCommentBytes));
}

}  // namespace wiredesk::serve
