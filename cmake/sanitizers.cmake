# Sanitizer builds, which `make test` runs after the normal one (see the Makefile's `sanitize`
# target): -DHOLDSPACE_SANITIZE=address,undefined or =thread. Every target in the tree is
# instrumented, tests and their helper programs included; the system libraries (PortAudio,
# libjack, libsndfile, SQLite) are not, which tests/sanitizers/*.supp accounts for.
set(HOLDSPACE_SANITIZE "" CACHE STRING
    "Comma-separated -fsanitize= checks for every target (address,undefined or thread); empty: none")

if(HOLDSPACE_SANITIZE)
  # -O1 keeps the tests quick and the stacks readable; it comes after the build type's flags on
  # the command line, so it wins. Frame pointers give whole stacks in every report. Line tables
  # (-g1) are all a report needs, and build a third faster than full debug information.
  add_compile_options(-fsanitize=${HOLDSPACE_SANITIZE} -O1 -g1 -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${HOLDSPACE_SANITIZE})
  if(HOLDSPACE_SANITIZE MATCHES "undefined")
    # UBSan only prints and carries on by default; a test must fail on undefined behaviour.
    add_compile_options(-fno-sanitize-recover=undefined)
  endif()
  if(HOLDSPACE_SANITIZE MATCHES "address")
    # Bounds checks in the standard containers: ASan cannot see an index past size() that is
    # still inside a vector's capacity.
    add_compile_definitions(_GLIBCXX_ASSERTIONS)
    # ASan's instrumentation makes GCC 12 see uninitialised reads in libstdc++'s own std::regex
    # (bits/regex_automaton.h) that the normal build, which keeps this warning, does not.
    add_compile_options(-Wno-maybe-uninitialized)
  endif()
endif()
