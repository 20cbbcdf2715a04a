# The fuzz build's compiler flags, for everything configured after this (holdspace_core and the
# targets): libFuzzer's coverage, AddressSanitizer, and UndefinedBehaviorSanitizer that stops at
# the first report, so libFuzzer keeps the input. Asserts stay on: they are checks worth hitting.
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "HOLDSPACE_FUZZ needs clang for libFuzzer: configure with "
                      "-DCMAKE_CXX_COMPILER=clang++ in a build dir of its own (make fuzz does)")
endif()
add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
                    -fno-omit-frame-pointer -UNDEBUG)
add_link_options(-fsanitize=address,undefined)

# toml++, pugixml and libsndfile are Debian's compiled libraries, as in the app: libFuzzer sees
# none of their branches and the sanitizers do not check inside them. Compiling toml++ 3.3 into
# the targets instead (it can be header-only) was tried: UBSan then stops at once on its known
# undefined behaviour for non-ASCII text (marzer/tomlplusplus#190, #295), which Debian's build
# turns into a normal parse error; README.md, "Fuzzing", says how that was checked.
