/*
 * Item pages print with their address and the date they were printed (assessors file
 * printouts). The item template holds the label and a <time>; this fills in today's date
 * when the page loads and again just before printing. It reads like the other dates of
 * the page: Buddhist Era with Thai month names on Thai pages (Thai digits when the
 * agency's `thai_digits` setting is on), Common Era on English pages.
 */
(function () {
  function fill() {
    const now = new Date()
    const thai = document.documentElement.lang === "th"
    for (const el of document.querySelectorAll(".oit-print-date")) {
      const locale = thai
        ? `th-TH-u-ca-buddhist-nu-${el.dataset.digits === "thai" ? "thai" : "latn"}`
        : "en-GB"
      const time = el.querySelector("time")
      time.dateTime = [
        now.getFullYear(),
        String(now.getMonth() + 1).padStart(2, "0"),
        String(now.getDate()).padStart(2, "0")
      ].join("-")
      time.textContent = new Intl.DateTimeFormat(locale, {
        day: "numeric", month: "long", year: "numeric"
      }).format(now)
      el.hidden = false
    }
  }
  fill()
  addEventListener("beforeprint", fill)
})()
