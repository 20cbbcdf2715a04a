// The keys and buttons every view reads the same way. A view's single-letter keys must not fire
// while the therapist types into a text field, so those go through shortcut(); Ctrl chords and
// keys that mean the same in a field (arrows in a list) go through key_pressed().
#pragma once

namespace holdspace::ui {

// Pressed this frame (not a repeat from holding it down), wherever the keyboard is.
bool key_pressed(int glfw_key);
// Pressed this frame, and no text field has the keyboard: otherwise the key is typing.
bool shortcut(int glfw_key);
// The same, and again while it is held down (the OS key repeat).
bool shortcut_repeating(int glfw_key);
// A 64-px-high button: clicked, or its key pressed (`pressed_by_key`).
bool big_button(const char* label, bool pressed_by_key, float width = 0.0f);

}  // namespace holdspace::ui
