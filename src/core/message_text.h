// Quoting what a file says (a location, a path, a name) inside a message to the therapist.
// Messages are one line, but a file name or an XML text can hold a line break.
#pragma once

#include <string>
#include <string_view>

namespace holdspace {

// Line breaks and other control characters written as escapes (\n, \r, \x1B), so the message
// stays one line and still shows what is really there. Tabs and all other text, UTF-8 included,
// are kept as they are; text with nothing to escape comes back unchanged.
std::string message_text(std::string_view text);

}  // namespace holdspace
