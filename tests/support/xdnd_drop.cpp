// The drag source half of XDND version 5 (https://freedesktop.org/wiki/Specifications/XDND/),
// as much of it as a drop on one known window needs: no pointer motion, no proxies, one type.
//
// The conversation with the target:
//   source -> target  XdndEnter     we speak version v and offer text/uri-list
//   source -> target  XdndPosition  the pointer is at (x, y) on the root, we ask for a copy
//   target -> source  XdndStatus    accepted (bit 0 of l[1]) or not
//   source -> target  XdndDrop      dropped, at this timestamp
//   target -> owner   SelectionRequest (XdndSelection, text/uri-list), through XConvertSelection
//   owner  -> target  SelectionNotify, the URI list already in the property it named
//   target -> source  XdndFinished  success in l[1] (see drop_and_await_finished)
#include "support/xdnd_drop.h"

#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <poll.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <thread>

namespace holdspace::test {
namespace {

using Clock = std::chrono::steady_clock;

constexpr long kOurXdndVersion = 5;
// XdndFinished only exists from version 2 on, and we wait for it.
constexpr long kOldestXdndVersion = 2;

struct Atoms {
  Atom xdnd_aware, xdnd_enter, xdnd_position, xdnd_status, xdnd_drop, xdnd_finished, xdnd_leave;
  Atom xdnd_selection, xdnd_action_copy, text_uri_list, targets, net_wm_name, utf8_string;
};

Atoms intern_atoms(Display* display) {
  auto atom = [display](const char* name) { return XInternAtom(display, name, False); };
  return {atom("XdndAware"),      atom("XdndEnter"),        atom("XdndPosition"),
          atom("XdndStatus"),     atom("XdndDrop"),         atom("XdndFinished"),
          atom("XdndLeave"),      atom("XdndSelection"),    atom("XdndActionCopy"),
          atom("text/uri-list"),  atom("TARGETS"),          atom("_NET_WM_NAME"),
          atom("UTF8_STRING")};
}

struct DisplayCloser {
  void operator()(Display* display) const { XCloseDisplay(display); }
};
using DisplayPtr = std::unique_ptr<Display, DisplayCloser>;

// Xlib's default error handler prints and exits the whole test binary. Windows can vanish while
// we walk the tree (another program's popup closing), so for the length of the drop an error only
// makes the failing call return its failure status, which the code below checks. The handler is
// process-wide, which suits a test binary whose own threads do not use Xlib.
class QuietXErrors {
 public:
  QuietXErrors() : previous_(XSetErrorHandler([](Display*, XErrorEvent*) { return 0; })) {}
  ~QuietXErrors() { XSetErrorHandler(previous_); }
  QuietXErrors(const QuietXErrors&) = delete;
  QuietXErrors& operator=(const QuietXErrors&) = delete;

 private:
  XErrorHandler previous_;
};

// ---- The URI list -------------------------------------------------------------------------

// RFC 3986: everything but the unreserved characters is written %XX. '/' stays, as the path
// separator. Spaces and every byte of a UTF-8 sequence become escapes, which is what file
// managers send and what GLFW decodes back byte by byte.
std::string percent_encode_path(const std::string& path) {
  std::string encoded;
  for (const unsigned char byte : path) {
    const bool plain = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                       (byte >= '0' && byte <= '9') || byte == '-' || byte == '.' ||
                       byte == '_' || byte == '~' || byte == '/';
    if (plain) {
      encoded += static_cast<char>(byte);
    } else {
      char escape[4];
      std::snprintf(escape, sizeof escape, "%%%02X", byte);
      encoded += escape;
    }
  }
  return encoded;
}

// RFC 2483 text/uri-list: one URI per line, each line ended by CRLF. "file://" plus an empty
// host plus the absolute path gives the three slashes; GLFW skips the host part up to the path.
std::string file_uri_list(const std::vector<std::string>& absolute_paths) {
  std::string list;
  for (const std::string& path : absolute_paths)
    list += "file://" + percent_encode_path(path) + "\r\n";
  return list;
}

// ---- Finding the target -------------------------------------------------------------------

// A window's title: _NET_WM_NAME (UTF-8, what GLFW and modern toolkits set) or else WM_NAME.
std::optional<std::string> window_title(Display* display, Window window, const Atoms& atoms) {
  Atom type = None;
  int format = 0;
  unsigned long count = 0, remaining = 0;
  unsigned char* data = nullptr;
  if (XGetWindowProperty(display, window, atoms.net_wm_name, 0, 1024, False, atoms.utf8_string,
                         &type, &format, &count, &remaining, &data) == Success &&
      data != nullptr) {
    std::optional<std::string> title;
    if (type == atoms.utf8_string && format == 8)
      title.emplace(reinterpret_cast<char*>(data), count);
    XFree(data);
    if (title) return title;
  }
  char* name = nullptr;
  if (XFetchName(display, window, &name) && name != nullptr) {
    std::string title = name;
    XFree(name);
    return title;
  }
  return std::nullopt;
}

// The XDND version a window declares in its XdndAware property, or 0 if it has none.
long xdnd_version(Display* display, Window window, const Atoms& atoms) {
  Atom type = None;
  int format = 0;
  unsigned long count = 0, remaining = 0;
  unsigned char* data = nullptr;
  long version = 0;
  if (XGetWindowProperty(display, window, atoms.xdnd_aware, 0, 1, False, XA_ATOM, &type, &format,
                         &count, &remaining, &data) == Success &&
      data != nullptr) {
    // Format-32 properties come back as an array of long, whatever the size of long.
    if (type == XA_ATOM && format == 32 && count == 1) version = reinterpret_cast<long*>(data)[0];
    XFree(data);
  }
  return version;
}

// Depth-first through the window tree below `parent`: every window titled `name`. The whole tree,
// not just the root's children, because a window manager puts the app's window inside a frame.
void collect_named_windows(Display* display, Window parent, const std::string& name,
                           const Atoms& atoms, std::vector<Window>& found) {
  if (window_title(display, parent, atoms) == name) found.push_back(parent);
  Window root = None, grandparent = None;
  Window* children = nullptr;
  unsigned int child_count = 0;
  if (!XQueryTree(display, parent, &root, &grandparent, &children, &child_count)) return;
  for (unsigned int i = 0; i < child_count; ++i)
    collect_named_windows(display, children[i], name, atoms, found);
  if (children != nullptr) XFree(children);
}

// Looks for an XdndAware window titled `name` until `deadline`: the app under test may still be
// starting, and GLFW sets XdndAware right after creating its window.
std::optional<Window> find_drop_target(Display* display, const std::string& name,
                                       const Atoms& atoms, Clock::time_point deadline,
                                       std::string& error) {
  for (;;) {
    std::vector<Window> named;
    for (int screen = 0; screen < ScreenCount(display); ++screen)
      collect_named_windows(display, RootWindow(display, screen), name, atoms, named);
    for (const Window window : named)
      if (xdnd_version(display, window, atoms) != 0) return window;
    if (Clock::now() >= deadline) {
      error = named.empty() ? "no window titled \"" + name + "\" on the display"
                            : "window titled \"" + name +
                                  "\" found, but it has no XdndAware property (it takes no drops)";
      return std::nullopt;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

// ---- Talking to the target ----------------------------------------------------------------

// Hands every event to `handle` until it returns true (then true) or `deadline` passes (false).
// Waits in poll() on the connection, so a silent target costs no CPU and never blocks past the
// deadline the way XNextEvent would.
bool wait_for(Display* display, Clock::time_point deadline,
              const std::function<bool(const XEvent&)>& handle) {
  for (;;) {
    while (XPending(display) > 0) {
      XEvent event;
      XNextEvent(display, &event);
      if (handle(event)) return true;
    }
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd connection{ConnectionNumber(display), POLLIN, 0};
    ::poll(&connection, 1, static_cast<int>(std::min<long long>(left, 1000)) + 1);
  }
}

// XDND messages are ClientMessages sent straight to the other window; NoEventMask delivers them
// to whoever created that window, with no need for it to select anything.
void send_xdnd_message(Display* display, Window to, Atom type, const std::array<long, 5>& data) {
  XEvent event{};
  event.xclient.type = ClientMessage;
  event.xclient.display = display;
  event.xclient.window = to;
  event.xclient.message_type = type;
  event.xclient.format = 32;
  std::copy(data.begin(), data.end(), event.xclient.data.l);
  XSendEvent(display, to, False, NoEventMask, &event);
  XFlush(display);
}

// A real server timestamp, for owning the selection and for the drop. With CurrentTime the
// server would pick one for the ownership, and the drop could not name a matching time. The
// ICCCM way to get one: append nothing to a property of our own and read the PropertyNotify.
std::optional<Time> server_time(Display* display, Window source, Clock::time_point deadline) {
  const Atom stamp = XInternAtom(display, "HOLDSPACE_TIMESTAMP", False);
  XChangeProperty(display, source, stamp, XA_STRING, 8, PropModeAppend, nullptr, 0);
  XFlush(display);
  Time time = CurrentTime;
  const bool got = wait_for(display, deadline, [&](const XEvent& event) {
    if (event.type != PropertyNotify || event.xproperty.window != source) return false;
    time = event.xproperty.time;
    return true;
  });
  if (!got) return std::nullopt;
  return time;
}

// Answers the target's XConvertSelection. Only text/uri-list (and TARGETS, the question any
// selection owner should answer) has data; anything else is refused with property None, as the
// ICCCM says. Returns true when the URI list was handed over.
bool answer_selection_request(Display* display, const XSelectionRequestEvent& request,
                              const Atoms& atoms, const std::string& uri_list) {
  // Clients older than ICCCM 2 leave the property None and mean the target atom.
  const Atom property = request.property != None ? request.property : request.target;
  bool delivered = false;
  XSelectionEvent reply{};
  reply.type = SelectionNotify;
  reply.display = display;
  reply.requestor = request.requestor;
  reply.selection = request.selection;
  reply.target = request.target;
  reply.time = request.time;
  reply.property = None;
  if (request.selection == atoms.xdnd_selection && request.target == atoms.text_uri_list) {
    // One request is enough: the data is far below the maximum request size, so no INCR.
    XChangeProperty(display, request.requestor, property, atoms.text_uri_list, 8, PropModeReplace,
                    reinterpret_cast<const unsigned char*>(uri_list.data()),
                    static_cast<int>(uri_list.size()));
    reply.property = property;
    delivered = true;
  } else if (request.selection == atoms.xdnd_selection && request.target == atoms.targets) {
    const Atom offered[] = {atoms.targets, atoms.text_uri_list};
    XChangeProperty(display, request.requestor, property, XA_ATOM, 32, PropModeReplace,
                    reinterpret_cast<const unsigned char*>(offered), 2);
    reply.property = property;
  }
  XSendEvent(display, request.requestor, False, NoEventMask, reinterpret_cast<XEvent*>(&reply));
  XFlush(display);
  return delivered;
}

bool is_xdnd_reply(const XEvent& event, Window source, Window target, Atom type) {
  return event.type == ClientMessage && event.xclient.window == source &&
         event.xclient.message_type == type &&
         static_cast<Window>(event.xclient.data.l[0]) == target;
}

// One drag from `source` to `target`, from XdndEnter to XdndFinished.
class Drag {
 public:
  Drag(Display* display, const Atoms& atoms, Window source, Window target, long version,
       Time time, std::chrono::milliseconds timeout)
      : display_(display), atoms_(atoms), source_(source), target_(target), version_(version),
        time_(time), timeout_(timeout) {}

  bool run(const std::string& uri_list, std::string& error) {
    enter();
    if (!position_and_await_status(error) || !drop_and_await_finished(uri_list, error)) {
      // Tell the target the drag is over, so it does not keep waiting for a drop.
      send_xdnd_message(display_, target_, atoms_.xdnd_leave, {long(source_), 0, 0, 0, 0});
      return false;
    }
    return true;
  }

 private:
  void enter() {
    // l[1]: version in the top byte; bit 0 clear because our one type fits in l[2..4], so there
    // is no XdndTypeList property to read.
    send_xdnd_message(display_, target_, atoms_.xdnd_enter,
                      {long(source_), version_ << 24, long(atoms_.text_uri_list), None, None});
  }

  bool position_and_await_status(std::string& error) {
    // The middle of the window, in root coordinates, as a pointer over it would report.
    XWindowAttributes attributes;
    Window child = None;
    int x = 0, y = 0;
    if (!XGetWindowAttributes(display_, target_, &attributes) ||
        !XTranslateCoordinates(display_, target_, attributes.root, attributes.width / 2,
                               attributes.height / 2, &x, &y, &child)) {
      error = "the target window went away before the drag reached it";
      return false;
    }
    send_xdnd_message(display_, target_, atoms_.xdnd_position,
                      {long(source_), 0, (long(x) << 16) | (y & 0xffff), long(time_),
                       long(atoms_.xdnd_action_copy)});
    bool accepted = false;
    const bool answered = wait_for(display_, deadline(), [&](const XEvent& event) {
      if (!is_xdnd_reply(event, source_, target_, atoms_.xdnd_status)) return false;
      accepted = (event.xclient.data.l[1] & 1) != 0;
      return true;
    });
    if (!answered) {
      error = "no XdndStatus from the target within " + seconds() +
              " after XdndPosition (is its event loop running?)";
      return false;
    }
    if (!accepted) {
      error = "the target answered XdndStatus but refused the drop (does it take text/uri-list?)";
      return false;
    }
    return true;
  }

  bool drop_and_await_finished(const std::string& uri_list, std::string& error) {
    send_xdnd_message(display_, target_, atoms_.xdnd_drop, {long(source_), 0, long(time_), 0, 0});
    bool data_sent = false, succeeded = false;
    const bool finished = wait_for(display_, deadline(), [&](const XEvent& event) {
      // The data request comes before XdndFinished and is served in the same wait.
      if (event.type == SelectionRequest) {
        data_sent |= answer_selection_request(display_, event.xselectionrequest, atoms_, uri_list);
        return false;
      }
      if (!is_xdnd_reply(event, source_, target_, atoms_.xdnd_finished)) return false;
      // The spec puts success in bit 0 of l[1], but GLFW 3.3 sends the byte count of the URI
      // list it read there (0 on failure), so an even length would look like a failure. Any
      // non-zero value is success; a target that follows the spec sends 1 or 0 anyway.
      succeeded = event.xclient.data.l[1] != 0;
      return true;
    });
    if (!finished) {
      error = "no XdndFinished from the target within " + seconds() + " after XdndDrop" +
              (data_sent ? " (it was sent the URI list)"
                         : " (it never asked for the text/uri-list data)");
      return false;
    }
    if (!succeeded) {
      error = std::string("the target sent XdndFinished without success") +
              (data_sent ? " after receiving the URI list" : " without asking for the data");
      return false;
    }
    return true;
  }

  Clock::time_point deadline() const { return Clock::now() + timeout_; }
  std::string seconds() const {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f s", static_cast<double>(timeout_.count()) / 1000.0);
    return text;
  }

  Display* display_;
  const Atoms& atoms_;
  Window source_, target_;
  long version_;
  Time time_;
  std::chrono::milliseconds timeout_;
};

}  // namespace

bool drop_files_on_window(const std::string& display_name, const std::string& window_name,
                          const std::vector<std::string>& absolute_paths, std::string& error,
                          std::chrono::milliseconds timeout) {
  error.clear();
  if (absolute_paths.empty()) {
    error = "no paths to drop";
    return false;
  }
  for (const std::string& path : absolute_paths) {
    if (path.empty() || path.front() != '/') {
      error = "not an absolute path: \"" + path + "\"";
      return false;
    }
  }

  // Declared before the display so it outlives it: XCloseDisplay still collects pending errors,
  // such as a BadWindow for an XdndLeave to a target that has just closed.
  const QuietXErrors quiet_errors;
  DisplayPtr display(XOpenDisplay(display_name.empty() ? nullptr : display_name.c_str()));
  if (!display) {
    error = "cannot open X display \"" + display_name + "\"";
    return false;
  }
  const Atoms atoms = intern_atoms(display.get());

  const std::optional<Window> target =
      find_drop_target(display.get(), window_name, atoms, Clock::now() + timeout, error);
  if (!target) return false;
  const long version =
      std::min(xdnd_version(display.get(), *target, atoms), kOurXdndVersion);
  if (version < kOldestXdndVersion) {
    error = "the target speaks XDND version " + std::to_string(version) + ", older than " +
            std::to_string(kOldestXdndVersion);
    return false;
  }

  // The drag source: never mapped, it only exists to own XdndSelection and receive replies.
  // Closing the display destroys it.
  const Window root = DefaultRootWindow(display.get());
  const Window source = XCreateSimpleWindow(display.get(), root, -10, -10, 1, 1, 0, 0, 0);
  XSelectInput(display.get(), source, PropertyChangeMask);
  const std::optional<Time> time = server_time(display.get(), source, Clock::now() + timeout);
  if (!time) {
    error = "the X server sent no timestamp within the timeout";
    return false;
  }
  XSetSelectionOwner(display.get(), atoms.xdnd_selection, source, *time);
  if (XGetSelectionOwner(display.get(), atoms.xdnd_selection) != source) {
    error = "could not take ownership of the XdndSelection selection";
    return false;
  }

  Drag drag(display.get(), atoms, source, *target, version, *time, timeout);
  return drag.run(file_uri_list(absolute_paths), error);
}

}  // namespace holdspace::test
