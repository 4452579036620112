// The article page's comment section: the thread (hidden and deleted comments left out, or
// kept as a placeholder when they have visible replies), each comment's Markdown as HTML, and
// the forms the viewer may use: post, reply, edit and delete their own, report, and for
// moderators hide and restore. Only the keys prefixed cs_ and cm_ are set.
#pragma once

#include <cstdint>
#include <kainjow/mustache.hpp>
#include <vector>

#include "core/model.h"
#include "core/time.h"
#include "serve/accounts/viewer.h"

namespace wiredesk::serve {

// Sets has_comments, comments and the cs_* keys of the comments partial on `page`. `viewer`
// is nullptr for an anonymous reader (whose page is the same for everyone, so it is cached).
void AddCommentSection(kainjow::mustache::data& page, int64_t article_id,
                       const std::vector<Comment>& comments, const Viewer* viewer, Instant now);

}  // namespace wiredesk::serve
