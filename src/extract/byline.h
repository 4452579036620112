// A byline as the page prints it ("Tech Industry by Steven Musil January 18, 2017 11:00 PM PST
// @stevenmusil") to the authors it names ({"Steven Musil"}).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace wiredesk::extract {

// Drops what surrounds the names: a leading "By"/"Por"/"Par"/"Von" and a section label before
// " by ", then everything from a date, a time ago, a separator (• | @) or a job title on.
// Names are split at ";", " and ", " & " and at commas between names of two words or more
// ("Jong, Michiel de" stays whole). Empty when nothing name-like is left (a date alone, a
// sign-in strip).
std::vector<std::string> AuthorsFromByline(std::string_view byline);

// The authors joined with ", ", the form Article::byline holds.
std::string JoinAuthors(const std::vector<std::string>& authors);

}  // namespace wiredesk::extract
