/*
 * The search box in the header (generator/theme/partials/oit-search.html): Pagefind's index of the
 * site (pagefind/ at the site's root, written by generator/mkdocs_plugin/search.py),
 * loaded only when the reader starts a search, and only the pieces a query needs.
 *
 * - Loading: nothing is fetched until the box gets focus (or a touch). Then Pagefind's
 *   script, its worker, its WebAssembly and the table of contents of the index of the
 *   page's language are fetched side by side (Pagefind alone would fetch them one after
 *   the other), so that they are there by the time the query is typed. Pagefind picks the
 *   index by <html lang>: Thai pages find Thai pages only, English pages English ones.
 * - Thai queries: each run of Thai is split into words with Intl.Segmenter, as the index
 *   was (ICU). On a Thai page a result must hold the words of each Thai part of the query
 *   one after the other (จัดซื้อ is จัด|ซื้อ: a page with จัด here and ซื้อ there is not
 *   a result), and every result shown holds each Thai part as typed, checked in its text.
 * - Numbers are found in either digits (Thai ๐-๙ or Arabic 0-9): both spellings are searched.
 * - What is shown: the title and a passage around the first match, without the zero-width
 *   spaces between the index's Thai words and without the block of words found inside
 *   compounds that ends each indexed page (it starts with U+2063).
 * - Keyboard: "/" goes to the box, the arrow keys move between the box and the results,
 *   Escape closes them.
 *
 * Pagefind internals used (Pagefind 1.5.2, pinned in pyproject.toml): the names of the
 * files its worker fetches (pagefind-worker.js, pagefind-entry.json, pagefind.<hash>.pf_meta,
 * wasm.<language or "unknown">.pagefind), fetched ahead here; if they change, the search
 * still works, only without the head start.
 */
(function () {
  "use strict"

  const form = document.querySelector("form.oit-search")
  if (!form)
    return
  const input = form.querySelector(".oit-search__input")
  const panel = form.querySelector(".oit-search__panel")
  const status = form.querySelector(".oit-search__status")
  const list = form.querySelector(".oit-search__results")
  const more = form.querySelector(".oit-search__more")
  const text = form.dataset
  const root = new URL("../../", document.currentScript.src)
  const bundle = new URL("pagefind/", root)
  const LANG = document.documentElement.lang

  const ZWSP = /\u200b/g
  const INNER_MARK = "\u2063"
  const THAI = /[\u0e01-\u0e4e]/
  const THAI_RUN = /[\u0e01-\u0e4e]+/g
  const THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
  const SHOWN = 5             // results shown at first, and then at each "more"
  const segmenter = new Intl.Segmenter("th", { granularity: "word" })

  /* Pagefind, loaded once */
  let engine
  function load() {
    if (!engine) {
      fetchAhead()
      engine = import(new URL("pagefind.js", bundle).href).then(async pagefind => {
        await pagefind.options({ baseUrl: root.pathname, excerptLength: 30 })
        await pagefind.init()
        await pagefind.filters()  // loads the index's entry, metadata and wasm now
        return pagefind
      })
    }
    return engine
  }

  /* The files Pagefind's worker will ask for one after the other, asked for at once: the
     worker then finds them in the browser's cache, or on their way */
  function fetchAhead() {
    const get = name => fetch(new URL(name, bundle)).then(response => response.ok && response)
    get("pagefind-worker.js").catch(() => {})
    get("pagefind-entry.json")
      .then(response => response && response.json())
      .then(entry => {
        const index = entry && (entry.languages[LANG] || entry.languages[LANG.split("-")[0]])
        if (index) {
          get(`pagefind.${index.hash}.pf_meta`)
          get(`wasm.${index.wasm || "unknown"}.pagefind`)
        }
      })
      .catch(() => {})
  }

  function otherDigits(value) {
    return value.replace(/[0-9๐-๙]/g, digit => (
      /[0-9]/.test(digit) ? THAI_DIGITS[digit] : String(THAI_DIGITS.indexOf(digit))
    ))
  }

  function thaiWords(run) {
    return [...segmenter.segment(run)].filter(s => s.isWordLike).map(s => s.segment)
  }

  /* The query as Pagefind reads it (Thai split into words), and its Thai parts: each as
     typed (a result's text must hold it) and as words (to be found one after the other) */
  function parse(query) {
    const parts = query.normalize("NFC").toLowerCase().trim().split(/\s+/).filter(Boolean)
    const terms = parts.map(part => part.replace(THAI_RUN, run => ` ${thaiWords(run).join(" ")} `))
    const thai = parts.filter(part => THAI.test(part)).map(part => ({
      typed: part,
      words: part.match(THAI_RUN).map(thaiWords).flat()
    }))
    return { terms: terms.join(" ").replace(/\s+/g, " ").trim(), thai }
  }

  /* Whether `words` stand one after the other among the places of a page where each was
     found. Pagefind's own Thai splitting gives a word of the index more places (one for
     each piece it finds in it): the next word may stand up to the word's length further. */
  function inOrder(words, places) {
    let ends = places[0]
    for (let i = 1; i < words.length && ends.length; i++) {
      const reach = words[i - 1].length
      const next = new Set(places[i])
      ends = [...new Set(ends.flatMap(at => {
        const found = []
        for (let step = 1; step <= reach; step++)
          if (next.has(at + step))
            found.push(at + step)
        return found
      }))]
    }
    return ends.length > 0
  }

  /* The pages that hold each Thai part's words one after the other (Thai pages; English
     pages index a run of Thai as one word, with its pieces in the same place, so there
     only the check of the text applies) */
  async function inOrderPages(pagefind, thai) {
    const parts = thai.filter(part => part.words.length > 1)
    if (LANG !== "th" || !parts.length)
      return null
    const words = [...new Set(parts.flatMap(part => part.words))]
    const places = new Map()  // word -> page id -> places
    await Promise.all(words.map(async word => {
      const found = await pagefind.search(word)
      places.set(word, new Map(found.results.map(result => [result.id, result.words])))
    }))
    return id => parts.every(part => inOrder(
      part.words, part.words.map(word => places.get(word).get(id) || [])
    ))
  }

  function mainText(content) {
    const end = content.indexOf(INNER_MARK)
    return (end < 0 ? content : content.slice(0, end)).replace(ZWSP, "").trim()
  }

  function holds(pageText, typed) {
    return pageText.includes(typed) || pageText.includes(otherDigits(typed))
  }

  function escapeHtml(value) {
    const span = document.createElement("span")
    span.textContent = value
    return span.innerHTML
  }

  /* A passage around the first match of a Thai part after the title (which is shown
     above it), the parts marked; else Pagefind's */
  function passage(content, title, parts, fallback) {
    let plain = mainText(content)
    if (plain.startsWith(title) && parts.some(part => plain.slice(title.length).toLowerCase().includes(part)))
      plain = plain.slice(title.length).replace(/^[.\s]+/, "")
    const lower = plain.toLowerCase()
    const at = Math.min(...parts.map(part => {
      const i = lower.indexOf(part)
      return i < 0 ? Infinity : i
    }))
    if (at === Infinity)
      return fallback.split(INNER_MARK)[0].replace(ZWSP, "")
    let start = Math.max(0, at - 60)
    let end = Math.min(plain.length, at + 160)
    start = start > 0 ? plain.indexOf(" ", start) + 1 || start : 0
    const space = plain.lastIndexOf(" ", end)
    end = end < plain.length && space > at ? space : end
    let html = escapeHtml(plain.slice(start, end))
    for (const part of parts) {
      const marked = escapeHtml(part).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
      html = html.replace(new RegExp(marked, "gi"), match => `<mark>${match}</mark>`)
    }
    return (start > 0 ? "… " : "") + html + (end < plain.length ? " …" : "")
  }

  /* The search in progress */
  let current = 0
  let results = []      // candidates in order, not yet shown or checked
  let query = null
  let found = 0

  function say(message, count) {
    status.textContent = message.replace("#", count)
  }

  async function search(value) {
    const mine = ++current
    panel.hidden = false
    if (!value.trim()) {
      list.replaceChildren()
      more.hidden = true
      say(text.placeholder)
      panel.removeAttribute("aria-busy")
      return
    }
    say(text.searching)
    panel.setAttribute("aria-busy", "true")
    let pagefind
    try {
      pagefind = await load()
    } catch (error) {
      say(text.failed)
      panel.removeAttribute("aria-busy")
      throw error
    }
    const parsed = parse(value)
    const spellings = [parsed.terms]
    if (/[0-9๐-๙]/.test(parsed.terms) && otherDigits(parsed.terms) !== parsed.terms)
      spellings.push(otherDigits(parsed.terms))
    const [answers, keep] = await Promise.all([
      Promise.all(spellings.map(terms => pagefind.search(terms))),
      inOrderPages(pagefind, parsed.thai)
    ])
    if (mine !== current)
      return
    const byId = new Map()
    for (const answer of answers)
      for (const result of answer.results)
        if (!byId.has(result.id) || byId.get(result.id).score < result.score)
          byId.set(result.id, result)
    results = [...byId.values()]
      .filter(result => !keep || keep(result.id))
      .sort((a, b) => b.score - a.score)
    query = parsed
    found = results.length
    list.replaceChildren()
    await showMore(mine)
  }

  /* Show the next results, each checked against its page's text */
  async function showMore(mine) {
    const shown = []
    const typed = query.thai.map(part => part.typed)
    while (shown.length < SHOWN && results.length) {
      const batch = results.splice(0, SHOWN - shown.length)
      const pages = await Promise.all(batch.map(result => result.data()))
      if (mine !== current)
        return
      for (const page of pages) {
        if (typed.every(part => holds(mainText(page.content).toLowerCase(), part)))
          shown.push(page)
        else
          found--
      }
    }
    list.append(...shown.map(page => {
      const item = document.createElement("li")
      const link = document.createElement("a")
      link.href = page.url
      const title = document.createElement("span")
      title.className = "oit-search__title"
      title.textContent = (page.meta.title || page.url).replace(ZWSP, "")
      const excerpt = document.createElement("span")
      excerpt.className = "oit-search__excerpt"
      excerpt.innerHTML = passage(page.content, title.textContent, typed, page.excerpt)
      link.append(title, excerpt)
      item.append(link)
      return item
    }))
    more.hidden = results.length === 0
    say(found === 0 ? text.none : found === 1 ? text.one : text.other, found)
    panel.removeAttribute("aria-busy")
    panel.dataset.query = input.value  // what the results are of (the tests read it)
  }

  /* Wiring: load on the first sign of a search, search as the reader types */
  let timer
  for (const event of ["focus", "pointerdown", "touchstart"])
    input.addEventListener(event, () => { load().catch(() => {}) }, { once: true, passive: true })
  input.addEventListener("input", () => {
    clearTimeout(timer)
    timer = setTimeout(() => search(input.value), 80)
  })
  form.addEventListener("submit", event => {
    event.preventDefault()
    clearTimeout(timer)
    search(input.value)
  })
  more.addEventListener("click", () => {
    const next = list.children.length
    showMore(current).then(() => list.children[next]?.querySelector("a")?.focus())
  })

  form.addEventListener("keydown", event => {
    const links = [...list.querySelectorAll("a")]
    const at = links.indexOf(document.activeElement)
    if (event.key === "ArrowDown" && links.length) {
      event.preventDefault()
      panel.hidden = false
      links[Math.min(at + 1, links.length - 1)].focus()
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault()
      ;(at === 0 ? input : links[at - 1]).focus()
    } else if (event.key === "Escape") {
      event.preventDefault()  // a search box would also empty itself
      panel.hidden = true
      input.focus()
    }
  })
  input.addEventListener("focus", () => {
    if (input.value.trim())
      panel.hidden = false
  })
  // Close when focus or a click goes elsewhere (a click on a result is not focus in every
  // browser, so a focus leaving for nowhere keeps the results open)
  form.addEventListener("focusout", event => {
    if (event.relatedTarget && !form.contains(event.relatedTarget))
      panel.hidden = true
  })
  document.addEventListener("pointerdown", event => {
    if (!form.contains(event.target))
      panel.hidden = true
  })
  document.addEventListener("keydown", event => {
    if (event.key === "/" && !/^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName)) {
      event.preventDefault()
      input.focus()
    }
  })
})()
