// export_html: the whole report parses as XML (XHTML-clean), the SVG has one phase band per
// phase that ran, a planned outline per planned phase, one rect per track, markers and vitals,
// and the page is self-contained with every piece of text escaped.
#include "journal/export_html.h"

#include <catch2/catch.hpp>
#include <pugixml.hpp>

#include "review_session.h"

using namespace holdspace::journal;
using namespace holdspace::journal::test;

namespace {

struct ParsedReport {
  pugi::xml_document document;
  std::string html;
};

void parse_report(const SessionRecord& record, ParsedReport& report) {
  report.html = export_html(record);
  const pugi::xml_parse_result parsed = report.document.load_string(report.html.c_str());
  INFO(parsed.description() << " at offset " << parsed.offset);
  REQUIRE(parsed);
}

std::size_t count_class(const pugi::xml_node& root, const char* element, const char* css_class) {
  const std::string query =
      std::string("//") + element + "[contains(concat(' ', @class, ' '), ' " + css_class + " ')]";
  return root.select_nodes(query.c_str()).size();
}

}  // namespace

TEST_CASE("html: well-formed, with one phase band per phase that ran", "[review]") {
  ParsedReport report;
  parse_report(build_session_record(kap_session_events()), report);
  const pugi::xml_node svg = report.document.select_node("//svg").node();
  REQUIRE(svg);
  CHECK(report.document.select_nodes("//svg").size() == 1);
  // Four phases ran; Intention and Relaxation twice each, yet still one band per phase.
  CHECK(count_class(svg, "g", "phase-band") == 4);
  CHECK(count_class(svg, "rect", "phase-visit") == 6);
  CHECK(count_class(svg, "rect", "phase-planned") == 4);
  CHECK(count_class(svg, "rect", "track") == 11);
  CHECK(count_class(svg, "g", "marker") == 6);
  CHECK(count_class(svg, "circle", "vital-hr") == 3);
  CHECK(count_class(svg, "g", "vital-bp") == 3);
  CHECK(count_class(svg, "rect", "pause") == 1);
  CHECK(count_class(svg, "rect", "device-lost") == 1);
  // Each band carries its name, and every track its title as a tooltip.
  const std::string dosing_band =
      svg.select_node("//g[@class='phase-band'][@data-phase='3']/rect/title").node().text().get();
  CHECK(dosing_band.find(kDosing) != std::string::npos);
  CHECK(dosing_band.find("+1:00") != std::string::npos);
  const std::string last_track =
      svg.select_nodes("//rect[@class='track']/title")[10].node().text().get();
  CHECK(last_track.find("Home, Again") != std::string::npos);
}

TEST_CASE("html: a band only for phases that started", "[review]") {
  ParsedReport report;
  parse_report(build_session_record(kap_session_until(1000)), report);
  const pugi::xml_node svg = report.document.select_node("//svg").node();
  CHECK(count_class(svg, "g", "phase-band") == 1);
  CHECK(count_class(svg, "rect", "phase-planned") == 4);  // the plan is still shown whole
  CHECK(count_class(svg, "rect", "track") == 2);
  CHECK(report.html.find("unfinished") != std::string::npos);
}

TEST_CASE("html: tables of phases, markers and vitals, tracks", "[review]") {
  ParsedReport report;
  parse_report(build_session_record(kap_session_events()), report);
  const auto rows = [&](const char* table) {
    return report.document.select_nodes(
        (std::string("//table[@class='") + table + "']/tr[td]").c_str());
  };
  CHECK(rows("phases").size() == 4);
  CHECK(rows("markers").size() == 6);
  CHECK(rows("tracks").size() == 11);
  CHECK(rows("reminders").size() == 4);
  std::string row_text;
  for (const pugi::xml_node cell : rows("markers")[3].node().children("td")) {
    row_text += std::string(cell.text().get()) + "|";
  }
  CHECK(row_text.find("01:20:10|") != std::string::npos);
  CHECK(row_text.find("|128/82|74|98|") != std::string::npos);
}

TEST_CASE("html: self-contained and every text escaped", "[review]") {
  auto events = kap_session_events();
  events[0].payload["client"] = "K<42> & \"co\"";
  events[0].payload["plan_name"] = "</style><script>alert(1)</script>";
  for (Event& event : events) {
    if (event.type == EventType::Marker && event.payload["kind"] == "note") {
      event.payload["text"] = std::string("<b>bold</b> & \x01 control");
    }
  }
  ParsedReport report;
  parse_report(build_session_record(events), report);
  const std::string& html = report.html;
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<b>") == std::string::npos);
  CHECK(html.find("&lt;script&gt;") != std::string::npos);
  CHECK(html.find("K&lt;42&gt; &amp; &quot;co&quot;") != std::string::npos);
  // Nothing to fetch: no links, sources, imports or remote URLs (the xmlns names are not fetched).
  for (const char* needle : {"src=", "href=", "@import", "url(", "<link", "<iframe", "<object"}) {
    INFO(needle);
    CHECK(html.find(needle) == std::string::npos);
  }
  std::string without_namespaces = html;
  for (const char* ns : {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xhtml"}) {
    for (auto at = without_namespaces.find(ns); at != std::string::npos;
         at = without_namespaces.find(ns)) {
      without_namespaces.erase(at, std::string(ns).size());
    }
  }
  CHECK(without_namespaces.find("http") == std::string::npos);
  CHECK(report.document.select_node("//h1").node().text().get() ==
        std::string("Session review: </style><script>alert(1)</script>"));
}
