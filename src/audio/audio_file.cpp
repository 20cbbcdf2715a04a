#include "audio/audio_file.h"

#include <sndfile.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <vector>

#include "audio/channel_downmix.h"
#include "audio/memory_sound_file.h"

namespace holdspace::audio {
namespace {

std::string major_format_name(int format) {
  switch (format & SF_FORMAT_TYPEMASK) {
    case SF_FORMAT_WAV:
    case SF_FORMAT_WAVEX:
    case SF_FORMAT_RF64: return "WAV";
    case SF_FORMAT_AIFF: return "AIFF";
    case SF_FORMAT_FLAC: return "FLAC";
    case SF_FORMAT_OGG:
      if ((format & SF_FORMAT_SUBMASK) == SF_FORMAT_OPUS) return "Ogg Opus";
      return "Ogg Vorbis";
    case SF_FORMAT_MPEG: return "MP3";
    case SF_FORMAT_CAF: return "CAF";
    case SF_FORMAT_W64: return "W64";
    default: {
      SF_FORMAT_INFO info{};
      info.format = format & SF_FORMAT_TYPEMASK;
      if (sf_command(nullptr, SFC_GET_FORMAT_INFO, &info, sizeof info) == 0 && info.name) {
        return info.name;
      }
      return "audio";
    }
  }
}

std::string sample_format_name(int format) {
  switch (format & SF_FORMAT_SUBMASK) {
    case SF_FORMAT_PCM_U8:
    case SF_FORMAT_PCM_S8: return "8-bit";
    case SF_FORMAT_PCM_16: return "16-bit";
    case SF_FORMAT_PCM_24: return "24-bit";
    case SF_FORMAT_PCM_32: return "32-bit";
    case SF_FORMAT_FLOAT: return "float";
    case SF_FORMAT_DOUBLE: return "double";
    default: return "";
  }
}

std::string format_name(int format) {
  const std::string major = major_format_name(format);
  const int type = format & SF_FORMAT_TYPEMASK;
  if (type == SF_FORMAT_OGG || type == SF_FORMAT_MPEG) return major;
  const std::string sample = sample_format_name(format);
  return sample.empty() ? major : major + " " + sample;
}

// Says why a file cannot be opened in words a therapist can act on, before libsndfile is asked.
std::string access_problem(const std::filesystem::path& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) return "file not found";
  if (std::filesystem::is_directory(status)) return "is a folder, not an audio file";
  if (::access(path.c_str(), R_OK) != 0) return std::string("cannot read: ") + std::strerror(errno);
  return {};
}

// Why libsndfile would not open a file that exists and may be read, in words a therapist can
// act on. libsndfile's own text can mislead: for a file named .mp3 that is not MPEG it says
// "File does not exist or is not a regular file", about a file that does exist.
std::string open_failure(const std::filesystem::path& path) {
  const int code = sf_error(nullptr);
  std::error_code ec;
  if (std::filesystem::file_size(path, ec) == 0 && !ec) return "the file is empty: 0 bytes";
  switch (code) {
    case SF_ERR_SYSTEM: return sf_strerror(nullptr);  // the disk or the system said no
    case SF_ERR_MALFORMED_FILE: return "its header is damaged";
    case SF_ERR_UNSUPPORTED_ENCODING: return "its encoding is not supported";
    default: return "format not recognised";
  }
}

// libsndfile's error text without its "Error : " prefix, which reads oddly inside a sentence.
std::string decoder_error_text(int code) {
  std::string text = sf_error_number(code);
  if (text.starts_with("Error : ")) text.erase(0, 8);
  while (!text.empty() && (text.back() == '.' || text.back() == ' ')) text.pop_back();
  return text;
}

// More frames than any real recording has (over 6,000 years at 48 kHz): libsndfile's
// "length unknown".
constexpr sf_count_t kUnknownLength = sf_count_t(1) << 53;

// libsndfile notes "data : 768000 (should be 192240)" in its log when a header promises more
// bytes than the file holds; it then reads only what is there.
bool header_promises_more(SNDFILE* handle) {
  char log[8192] = {};
  sf_command(handle, SFC_GET_LOG_INFO, log, sizeof log);
  return std::strstr(log, "(should be") != nullptr && std::strstr(log, "data ") != nullptr;
}

struct OpenedFile {
  SNDFILE* handle = nullptr;
  SF_INFO info{};
};

// What every opened file must have before it is played, whether it came from disk or memory.
// name is the path, or what stands for it in messages.
Result<OpenedFile> check_opened(OpenedFile opened, const std::string& name) {
  if (!opened.handle) {
    return Error{name + ": not an audio file holdspace can read (" + sf_strerror(nullptr) + ")"};
  }
  if (opened.info.channels < 1 || opened.info.samplerate < 1) {
    sf_close(opened.handle);
    return Error{name + ": the file's header is damaged (no channels or no sample rate)"};
  }
  if (opened.info.frames <= 0) {
    sf_close(opened.handle);
    return Error{name + ": contains no audio"};
  }
  // libsndfile says SF_COUNT_MAX when it cannot find the end (an Ogg file cut off mid-page).
  // Such a file has no length to plan a session around; it is reported, not played.
  if (opened.info.frames >= kUnknownLength) {
    sf_close(opened.handle);
    return Error{name + ": the file is damaged: its length cannot be read (is it cut short?)"};
  }
  return opened;
}

Result<OpenedFile> open_sndfile(const std::filesystem::path& path) {
  if (auto problem = access_problem(path); !problem.empty()) {
    return Error{path.string() + ": " + problem};
  }
  OpenedFile opened;
  opened.handle = sf_open(path.c_str(), SFM_READ, &opened.info);
  if (!opened.handle) return Error{path.string() + ": not an audio file holdspace can read (" + open_failure(path) + ")"};
  return check_opened(opened, path.string());
}

AudioFileInfo describe(const SF_INFO& info, SNDFILE* handle) {
  AudioFileInfo described;
  described.cut_short = header_promises_more(handle);
  described.frames = info.frames;
  described.sample_rate = info.samplerate;
  described.channels = info.channels;
  described.format = format_name(info.format);
  return described;
}

constexpr std::int64_t kChunkFrames = 4096;

}  // namespace

Result<AudioFileInfo> probe_audio_file(const std::filesystem::path& path) {
  auto opened = open_sndfile(path);
  if (!opened) return opened.error();
  AudioFileInfo info = describe(opened->info, opened->handle);
  sf_close(opened->handle);
  return info;
}

struct AudioFileReader::Impl {
  SNDFILE* handle = nullptr;
  SF_INFO info{};
  MemorySoundFile memory;  // the bytes read from, for a reader opened on memory
  std::vector<ChannelWeights> weights;
  std::vector<float> scratch;  // one chunk of the file's own channels, for the downmix
  ~Impl() {
    if (handle) sf_close(handle);
  }
};

Result<std::unique_ptr<AudioFileReader>> AudioFileReader::open(const std::filesystem::path& path) {
  auto opened = open_sndfile(path);
  if (!opened) return opened.error();
  auto impl = std::make_unique<Impl>();
  impl->handle = opened->handle;
  impl->info = opened->info;
  return adopt(std::move(impl));
}

Result<std::unique_ptr<AudioFileReader>> AudioFileReader::open_memory(std::string_view bytes,
                                                                      const std::string& name) {
  // The Impl comes first: libsndfile keeps a pointer to its MemorySoundFile.
  auto impl = std::make_unique<Impl>();
  impl->memory.bytes = bytes;
  OpenedFile opened;
  opened.handle = open_memory_sound_file(impl->memory, opened.info);
  auto checked = check_opened(opened, name);
  if (!checked) return checked.error();
  impl->handle = checked->handle;
  impl->info = checked->info;
  return adopt(std::move(impl));
}

std::unique_ptr<AudioFileReader> AudioFileReader::adopt(std::unique_ptr<Impl> impl) {
  const int channels = impl->info.channels;
  if (channels != 2) {
    std::vector<int> roles(channels);
    if (sf_command(impl->handle, SFC_GET_CHANNEL_MAP_INFO, roles.data(),
                   int(roles.size() * sizeof(int))) != SF_TRUE) {
      roles.clear();
    }
    impl->weights = downmix_weights(channels, roles);
    impl->scratch.resize(std::size_t(kChunkFrames) * channels);
  }
  AudioFileInfo info = describe(impl->info, impl->handle);
  return std::unique_ptr<AudioFileReader>(new AudioFileReader(std::move(impl), std::move(info)));
}

AudioFileReader::AudioFileReader(std::unique_ptr<Impl> impl, AudioFileInfo info)
    : impl_(std::move(impl)), info_(std::move(info)) {}

AudioFileReader::~AudioFileReader() = default;

std::int64_t AudioFileReader::read_stereo(float* out, std::int64_t max_frames) {
  std::int64_t done = 0;
  while (done < max_frames) {
    const std::int64_t want = std::min(kChunkFrames, max_frames - done);
    sf_count_t got = 0;
    if (info_.channels == 2) {
      got = sf_readf_float(impl_->handle, out + 2 * done, want);
    } else {
      got = sf_readf_float(impl_->handle, impl_->scratch.data(), want);
      downmix_to_stereo(impl_->scratch.data(), info_.channels, long(got), impl_->weights,
                        out + 2 * done);
    }
    if (got <= 0) {
      if (const int err = sf_error(impl_->handle); err != SF_ERR_NO_ERROR && read_error_.empty()) {
        read_error_ = decoder_error_text(err);
      }
      break;
    }
    done += got;
  }
  return done;
}

bool AudioFileReader::seek(std::int64_t frame) {
  return sf_seek(impl_->handle, frame, SEEK_SET) >= 0;
}

}  // namespace holdspace::audio
