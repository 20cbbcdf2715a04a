// Vitals as a therapist types them.
#include <catch2/catch.hpp>

#include "session/vitals_text.h"

using holdspace::session::parse_vitals;

TEST_CASE("vitals: BP, then heart rate, then SpO2", "[vitals]") {
  auto v = parse_vitals("128/82 74 98");
  REQUIRE(v.ok());
  CHECK(*v->systolic == 128);
  CHECK(*v->diastolic == 82);
  CHECK(*v->heart_rate == 74);
  CHECK(*v->spo2 == 98);
}

TEST_CASE("vitals: labels and units decide, whatever the order", "[vitals]") {
  auto v = parse_vitals("120/80 98% 72");
  REQUIRE(v.ok());
  CHECK(*v->spo2 == 98);
  CHECK(*v->heart_rate == 72);
  auto labelled = parse_vitals("SpO2: 97, HR 65");
  REQUIRE(labelled.ok());
  CHECK(*labelled->spo2 == 97);
  CHECK(*labelled->heart_rate == 65);
  CHECK_FALSE(labelled->systolic);
  auto bpm = parse_vitals("64bpm");
  REQUIRE(bpm.ok());
  CHECK(*bpm->heart_rate == 64);
}

TEST_CASE("vitals: what is not a reading is refused with an example", "[vitals]") {
  CHECK(parse_vitals("").error().message.find("no reading") != std::string::npos);
  CHECK(parse_vitals("120/eighty").error().message.find("120/80") != std::string::npos);
  CHECK(parse_vitals("calm").error().message.find("128/82 74 98") != std::string::npos);
  CHECK(parse_vitals("120/80 70 98 99").error().message.find("too many") != std::string::npos);
}
