/*
 * The site's search worker: Material for MkDocs' own worker, plus Thai words and results in
 * the reader's language only.
 *
 * generator/theme/main.html names this file as the page's search worker (with ?lang= the page's
 * language and ?material= the file name of Material's worker beside it). We see each
 * message first, then Material's worker (loaded below) does the searching with lunr.
 * Material internals used here (Material 9.x, checked by tests/browser/): the message
 * types 0 setup, 2 query and 3 result, the shape of their data, and Material appending a
 * trailing wildcard to every plain query term.
 *
 * - setup: the index holds both languages (mkdocs-static-i18n merges them); keep the
 *   entries whose "lang" (set at build time by generator/mkdocs_plugin/search.py) is the page's.
 * - query: Thai is typed without spaces, and the build split the indexed Thai text into
 *   words (PyThaiNLP, newmm). The same text may be split differently in different
 *   places, so each Thai part of the query asks lunr for candidates two ways: indexed
 *   words that contain the whole part, and words that contain the pieces of the part
 *   (the fewest words of the index that make up the part).
 *   A number is also searched in the other digits (Thai ๐-๙ or Arabic 0-9).
 * - result: keep the results whose text contains a Thai part as typed (or that matched
 *   a non-Thai term), so that results are exact; take the zero-width spaces out of the
 *   text shown; count a query word as found when the result contains it (Material would
 *   list it as missing).
 */
"use strict"

const params = new URL(self.location.href).searchParams
const LANG = params.get("lang")
const SETUP = 0
const QUERY = 2
const RESULT = 3
const ZWSP = /\u200b/g
const THAI = /[\u0e01-\u0e4e]/

/* The words of the index in the reader's language, with all their prefixes and suffixes */
const words = new Set()
const prefixes = new Set()
const suffixes = new Set()

function learnWords(config, docs) {
  const separator = new RegExp(config.separator, "g")
  for (const doc of docs)
    for (const field of [doc.title, doc.text])
      for (const word of (field || "").replace(/<[^>]*>/g, " ").toLowerCase().split(separator)) {
        if (!word || words.has(word))
          continue
        words.add(word)
        for (let i = 1; i <= word.length; i++) {
          prefixes.add(word.slice(0, i))
          suffixes.add(word.slice(-i))
        }
      }
}

/* The fewest pieces covering `part`: the first ends a word, the middle ones are words, the
   last begins a word. Undefined when the index has no such words. */
function splitIntoWords(part) {
  const best = new Array(part.length + 1)   // best[i]: pieces covering part[0, i)
  for (let i = 1; i <= part.length; i++) {
    if (suffixes.has(part.slice(0, i)))
      best[i] = [part.slice(0, i)]
    for (let j = 1; j < i; j++)
      if (best[j] && words.has(part.slice(j, i)) &&
          (!best[i] || best[j].length + 1 < best[i].length))
        best[i] = [...best[j], part.slice(j, i)]
  }
  let result
  for (let j = 1; j < part.length; j++)
    if (best[j] && prefixes.has(part.slice(j)) &&
        (!result || best[j].length + 1 < result.length))
      result = [...best[j], part.slice(j)]
  return result
}

/* The Thai parts of the last query: results must contain one of them */
let thaiParts = []

/* Numbers are found whichever digits they are typed in: a site may write Thai digits
   (the agency's thai_digits setting). Query terms added for the other digits, by the
   term as typed. */
const digitVariants = new Map()
const THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"

function otherDigits(text) {
  return text.replace(/[0-9๐-๙]/g, digit => (
    /[0-9]/.test(digit) ? THAI_DIGITS[digit] : String(THAI_DIGITS.indexOf(digit))
  ))
}

/* Rewrite the Thai parts of a query into lunr terms; Material's own query syntax (+, -,
   quotes, wildcards) is left to Material for everything else. */
function rewriteQuery(query) {
  thaiParts = []
  digitVariants.clear()
  return query.trim().split(/\s+/).map(part => {
    const [, modifier, body] = /^([+-]?)(.*)$/.exec(part)
    const text = body.toLowerCase()
    if (/["*~^:]/.test(text))
      return part
    if (!THAI.test(text)) {
      const variant = otherDigits(text)
      if (modifier || variant === text)
        return part
      digitVariants.set(variant, text)
      return `${part} ${variant}`
    }
    if (modifier)
      return `${modifier}*${text}*`
    thaiParts.push(text)
    return [text, ...splitIntoWords(text) || []].map(piece => `*${piece}`).join(" ")
  }).join(" ")
}

/* Plain text of every entry (title and text), by location */
const plainText = new Map()

function plain(html) {
  return html.replace(/<[^>]*>/g, " ").replace(ZWSP, "").toLowerCase()
}

function keep(item) {
  const text = plainText.get(item.location) || ""
  return thaiParts.some(part => text.includes(part)) ||
    Object.entries(item.terms || {}).some(([term, found]) => found && !THAI.test(term))
}

function cleanResult(result) {
  if (thaiParts.length)
    result.items = result.items.filter(group => group.some(keep)).map(group => (
      group.filter(item => keep(item) || !item.location.includes("#"))  // keep the page
    ))
  for (const group of result.items)
    for (const item of group) {
      item.title = item.title.replace(ZWSP, "")
      item.text = item.text.replace(ZWSP, "")
      const text = plainText.get(item.location) || ""
      for (const term of Object.keys(item.terms || {}))
        if (!item.terms[term] && text.includes(term))
          item.terms[term] = true
      for (const [variant, typed] of digitVariants) {  // one entry per number typed
        if (item.terms && variant in item.terms) {
          item.terms[typed] = item.terms[typed] || item.terms[variant]
          delete item.terms[variant]
        }
      }
    }
  return result
}

addEventListener("message", ev => {
  const message = ev.data
  if (message.type === SETUP) {
    const { config, docs } = message.data
    message.data.docs = docs.filter(doc => !doc.lang || doc.lang === LANG)
    learnWords(config, message.data.docs)
    for (const doc of message.data.docs)
      plainText.set(doc.location, plain(`${doc.title} ${doc.text}`))
  } else if (message.type === QUERY) {
    message.data = rewriteQuery(message.data)
  }
})

const post = self.postMessage.bind(self)
self.postMessage = message => post(
  message.type === RESULT ? { ...message, data: cleanResult(message.data) } : message
)

/* Material's worker sits beside this file; load nothing else. */
const material = params.get("material")
if (!/^search\.[0-9a-f]+\.min\.js$/.test(material))
  throw new Error(`not Material's search worker: ${material}`)
importScripts(material)
