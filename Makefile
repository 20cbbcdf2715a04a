# holdspace: one Makefile wraps CMake and installs what a fresh Debian 12 machine lacks.
# `make run` and `make test` are the two commands; everything else is a helper.

BUILD_DIR  ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS       ?= $(shell nproc)

# Every Debian package the build, the tests and `make run` need. One list, one place.
DEBIAN_PACKAGES := \
	build-essential cmake pkg-config \
	portaudio19-dev libsndfile1-dev libsoxr-dev libebur128-dev \
	libsqlite3-dev libtomlplusplus-dev libcli11-dev libpugixml-dev nlohmann-json3-dev \
	catch2 jackd2 libjack-jackd2-dev libasound2-plugins sox ffmpeg \
	libglfw3-dev libimgui-dev libstb-dev libgl-dev libgl1-mesa-dri fonts-dejavu-core \
	xvfb xauth xdotool libx11-dev

# Only `make fuzz` needs these: Debian's clang and its libFuzzer and sanitizer runtimes.
FUZZ_PACKAGES := clang libclang-rt-14-dev

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps fuzz-deps configure build test sanitize test-asan test-tsan run bench fuzz clean

all: build

# Install only what is missing, and refresh the package lists only when something is.
define install_missing
	@missing=""; \
	for p in $(1); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing:$$missing"; \
		$(SUDO) apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call install_missing,$(DEBIAN_PACKAGES))

fuzz-deps: deps
	$(call install_missing,$(FUZZ_PACKAGES))

configure: deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

# The normal tests first, then the same code under the sanitizers; any failure fails `make test`.
test: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)
	$(MAKE) --no-print-directory sanitize

# Sanitizer runs. Each sanitizer has its own build directory and builds only the programs its
# tests run, with asserts on (Debug; cmake/sanitizers.cmake adds -O1 and the rest). One after
# the other: two builds at once would only fight over the cores.
#  - AddressSanitizer + UndefinedBehaviorSanitizer: every unit, journal and CLI test (the CLI
#    tests run holdspace-cli, so it is built sanitized too). The device and UI tests are left
#    out: they drive the same core code, through PortAudio and Xvfb, at real-time pace.
#  - ThreadSanitizer: where our threads meet. The device tests (the PortAudio callback, the
#    decode worker and the control thread on a JACK dummy) and holdspace_thread_tests, the unit
#    tests that start threads (tests/sanitizers/tests.cmake).
ASAN_DIR     ?= build-asan
TSAN_DIR     ?= build-tsan
ASAN_TARGETS := holdspace_unit_tests holdspace_journal_tests holdspace_journal_fault_tests \
                holdspace_journal_fault_cli_tests holdspace_cli_tests
TSAN_TARGETS := holdspace_thread_tests holdspace_device_tests
SUPPRESSIONS := $(CURDIR)/tests/sanitizers
# Reports go to stdout: PortAudioSystem silences stderr while PortAudio starts (ALSA's noise),
# and a report made then would be lost. Any report fails its test: ASan and UBSan stop the
# program, LeakSanitizer and TSan make it exit non-zero.
SANITIZER_ENV := \
	ASAN_OPTIONS=log_path=stdout:detect_leaks=1:strict_init_order=1 \
	UBSAN_OPTIONS=log_path=stdout:print_stacktrace=1 \
	LSAN_OPTIONS=suppressions=$(SUPPRESSIONS)/lsan.supp:print_suppressions=0 \
	TSAN_OPTIONS=log_path=stdout:suppressions=$(SUPPRESSIONS)/tsan.supp:print_suppressions=0:second_deadlock_stack=1

sanitize:
	$(MAKE) --no-print-directory test-asan
	$(MAKE) --no-print-directory test-tsan

test-asan: deps
	cmake -S . -B $(ASAN_DIR) -DCMAKE_BUILD_TYPE=Debug -DHOLDSPACE_SANITIZE=address,undefined
	cmake --build $(ASAN_DIR) -j $(JOBS) --target $(ASAN_TARGETS)
	$(SANITIZER_ENV) ctest --test-dir $(ASAN_DIR) --output-on-failure -j $(JOBS) -L '^(unit|journal|cli)$$'

test-tsan: deps
	cmake -S . -B $(TSAN_DIR) -DCMAKE_BUILD_TYPE=Debug -DHOLDSPACE_SANITIZE=thread
	cmake --build $(TSAN_DIR) -j $(JOBS) --target $(TSAN_TARGETS)
	$(SANITIZER_ENV) ctest --test-dir $(TSAN_DIR) --output-on-failure -j $(JOBS) -L '^(thread|device)$$'

APP  := $(BUILD_DIR)/bin/holdspace
CLI  := $(BUILD_DIR)/bin/holdspace-cli
DEMO := playlists/demo.toml

# Opens the appliance on the demo plan. With no screen (a server, CI, ssh) the same session runs
# in the terminal with holdspace-cli instead. A machine with no sound card gets a private JACK
# dummy device, so the demo still runs through the real audio path, paced in real time.
run: build
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
		start='$(APP) --plan $(DEMO)'; \
	else \
		echo "No display here: running the demo session in the terminal (holdspace-cli run)."; \
		start='$(CLI) run $(DEMO) --client DEMO'; \
	fi; \
	if grep -qs '^ *[0-9]' /proc/asound/cards || [ -n "$$JACK_DEFAULT_SERVER" ]; then \
		$$start; \
	else \
		echo "No sound card here: playing into a JACK dummy device instead."; \
		jackd -n holdspace-demo -r -d dummy -r 48000 -p 256 -P 2 -C 0 >/dev/null 2>&1 & jack=$$!; \
		trap 'kill $$jack 2>/dev/null' EXIT; \
		for i in $$(seq 50); do \
			JACK_DEFAULT_SERVER=holdspace-demo $(CLI) devices 2>/dev/null | grep -q JACK && break; \
			sleep 0.1; \
		done; \
		JACK_DEFAULT_SERVER=holdspace-demo $$start; \
	fi

# Every benchmark against its peer (loudgain, ffmpeg, plain SQLite, the forced-redraw build);
# about an hour, on a quiet machine. Not part of `make test`.
bench: build
	tests/bench/all.sh $(BUILD_DIR)/bin

# libFuzzer targets for the playlist readers, the plan parser and the decode path, each run for
# FUZZ_SECONDS, one after another. Built with clang, ASan and UBSan in their own build dir; the
# seeds come from the unit tests' files, so the normal build's unit tests are built first.
# Inputs that crash are kept in $(FUZZ_BUILD_DIR)/fuzz/crashes/; any crash fails the target.
FUZZ_BUILD_DIR ?= build-fuzz
FUZZ_SECONDS   ?= 60

fuzz: configure fuzz-deps
	cmake --build $(BUILD_DIR) -j $(JOBS) --target holdspace_unit_tests
	cmake -S . -B $(FUZZ_BUILD_DIR) -DHOLDSPACE_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(FUZZ_BUILD_DIR) -j $(JOBS) --target fuzzers
	tests/fuzz/make_seeds.sh . $(BUILD_DIR)/bin/holdspace_unit_tests $(FUZZ_BUILD_DIR)/fuzz/seeds
	tests/fuzz/run_fuzzers.sh $(FUZZ_BUILD_DIR)/bin $(FUZZ_BUILD_DIR)/fuzz/seeds $(FUZZ_BUILD_DIR)/fuzz $(FUZZ_SECONDS)

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) $(TSAN_DIR) $(FUZZ_BUILD_DIR)
