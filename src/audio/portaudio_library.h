// One instance of PortAudio: its functions, and the globals behind them.
//
// Why more than one: PortAudio 19.6's JACK host cannot let go of a stream whose JACK server died.
// Pa_AbortStream, Pa_CloseStream and Pa_Terminate wait up to 10 minutes for a callback the dead
// server never makes (its WaitCondition misses the shutdown signal), and PortAudio only sees a
// server that came back after Pa_Terminate and Pa_Initialize. So an instance with a lost stream
// is retired, left untouched, and everything from then on starts on a private copy of
// libportaudio, which has globals of its own. The copies share libjack, which does reconnect
// in the same process.
#pragma once

#include <portaudio.h>

#include "core/result.h"

namespace holdspace::audio {

struct PortAudioLibrary {
  decltype(&Pa_Initialize) initialize;
  decltype(&Pa_Terminate) terminate;
  decltype(&Pa_GetErrorText) error_text;
  decltype(&Pa_GetDefaultOutputDevice) default_output_device;
  decltype(&Pa_GetDeviceCount) device_count;
  decltype(&Pa_GetDeviceInfo) device_info;
  decltype(&Pa_GetHostApiInfo) host_api_info;
  decltype(&Pa_IsFormatSupported) is_format_supported;
  decltype(&Pa_OpenStream) open_stream;
  decltype(&Pa_StartStream) start_stream;
  decltype(&Pa_StopStream) stop_stream;
  decltype(&Pa_AbortStream) abort_stream;
  decltype(&Pa_CloseStream) close_stream;
  decltype(&Pa_IsStreamActive) is_stream_active;

  // The instance to start PortAudio on: the linked libportaudio until it is retired, then a
  // copy of it loaded anew from memory (a memfd, so the dynamic loader cannot take it for the
  // one already loaded). Copies are never unloaded. Fails if no copy can be loaded.
  static Result<const PortAudioLibrary*> current();
  // Never to be started again: it holds a lost stream it must not close. Whoever still uses it
  // goes on; later starts get a new copy.
  static void retire(const PortAudioLibrary& library);
};

}  // namespace holdspace::audio
