// Built into holdspace-cli in the ASan build only (tests/sanitizers/tests.cmake): its defaults
// for AddressSanitizer, under whatever ASAN_OPTIONS the run sets.
//
// PortAudio starts in holdspace-cli, and ALSA loads and unloads its plugins while PortAudio lists
// the devices. LeakSanitizer then reports what an unloaded library kept (lsan.supp says which),
// and can only tell whose it is with the full unwinder, which is slow on every malloc: so here,
// not in the test binaries.
extern "C" const char* __asan_default_options() { return "fast_unwind_on_malloc=0"; }
