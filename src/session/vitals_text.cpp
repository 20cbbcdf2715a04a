#include "session/vitals_text.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace holdspace::session {
namespace {

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return text;
}

bool whole_number(const std::string& text, int& value) {
  if (text.empty() || text.size() > 4 || !std::all_of(text.begin(), text.end(), ::isdigit)) return false;
  value = std::stoi(text);
  return true;
}

}  // namespace

Result<Vitals> parse_vitals(const std::string& text) {
  Vitals vitals;
  std::istringstream words(lowercase(text));
  std::string word;
  std::string label;
  while (words >> word) {
    word.erase(std::remove_if(word.begin(), word.end(), [](char c) { return c == ':' || c == ','; }), word.end());
    if (word == "bp" || word == "hr" || word == "pulse" || word == "spo2" || word == "o2" || word == "sat") {
      label = word;
      continue;
    }
    // A unit says which reading it is, whatever the order: 98% is SpO2, 72bpm a heart rate.
    if (word.ends_with("%")) {
      word.pop_back();
      label = "spo2";
    }
    if (word.ends_with("bpm")) {
      word.resize(word.size() - 3);
      label = "hr";
    }
    if (const auto slash = word.find('/'); slash != std::string::npos) {
      int systolic = 0;
      int diastolic = 0;
      if (!whole_number(word.substr(0, slash), systolic) || !whole_number(word.substr(slash + 1), diastolic)) {
        return Error{"blood pressure is two numbers like 120/80, not '" + word + "'"};
      }
      vitals.systolic = systolic;
      vitals.diastolic = diastolic;
      label.clear();
      continue;
    }
    int value = 0;
    if (!whole_number(word, value)) {
      return Error{"'" + word + "' is not a reading (type e.g. 128/82 74 98: BP, heart rate, SpO2)"};
    }
    if (label == "hr" || label == "pulse" || (label.empty() && !vitals.heart_rate)) {
      vitals.heart_rate = value;
    } else if (label == "spo2" || label == "o2" || label == "sat" || (label.empty() && !vitals.spo2)) {
      vitals.spo2 = value;
    } else {
      return Error{"too many numbers in '" + text + "' (type e.g. 128/82 74 98)"};
    }
    label.clear();
  }
  if (vitals.empty()) return Error{"no reading given (type e.g. 128/82 74 98)"};
  return vitals;
}

}  // namespace holdspace::session
