// Faculty Hub search: one dependency-free module for /search/ and the
// placement finder. It reads the index the build writes under /search/
// (the format is in docs/search.md) and fetches only the shards a query
// needs. It has no stemmer: the term shards map every word seen in the
// corpus to its stem.

// Text analysis, as in internal/search/analyse.go. ASCII text takes a
// shortcut to the same result: the Unicode classes and the normaliser
// cost a first query milliseconds to compile and load.
const ASCII = /^[\0-\x7f]*$/
const TOKEN = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu
const WORD = /[A-Za-z0-9]+(?:'[A-Za-z0-9]+)*/g
// END: a space or punctuation (\p{P}) last, the ASCII ones.
const END = /[\s\p{P}]$/u, ASCII_END = /[\s!-#%-*,-/:;?@[-\]_{}]$/
const size = s => [...s].length
const matches = s => s.matchAll(ASCII.test(s) ? WORD : TOKEN)
const fold = s => (ASCII.test(s) ? s : s.normalize('NFKD').replace(/\p{M}/gu, '')).toLowerCase().replace(/’/g, "'").replace(/'s$/, '').replace(/'/g, '')
const tokens = s => [...matches(s)].map(m => fold(m[0])).filter(w => size(w) > 1 && size(w) <= 40)

// Decoding tables for postings and facet columns.
const table = chars => {
  const t = new Int16Array(128).fill(-1)
  for (let i = 0; i < chars.length; i++) t[chars.charCodeAt(i)] = i
  return t
}
const B64 = table('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_')
const COLS = "#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~ !"
const COL = table(COLS)
const ONE = COLS.length - 1
const PAGE = 10

// Weights of the ways a typed word can match an index term.
const EXACT = 1, INFLECTED = 0.9, PREFIX = 0.7, TYPO = 0.6

// oneEdit reports whether a and b are one insertion, deletion,
// substitution or swap of neighbours apart.
const oneEdit = (a, b) => {
  if (Math.abs(a.length - b.length) > 1 || a === b) return false
  let i = 0
  while (a[i] === b[i]) i++
  const ta = a.slice(i + 1), tb = b.slice(i + 1)
  return ta === tb || a.slice(i) === tb || ta === b.slice(i) ||
    (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2))
}

class Index {
  // files may hold requests already made, by address.
  constructor (url, files) {
    this.url = new URL(url, location.href)
    this.files = files || new Map()
    this.stem = new Map() // word → its stem, null for a stop word
    this.post = new Map() // stem → encoded postings
    this.decoded = new Map()
    this.shards = new Map() // term shard → its keys
    this.tops = new Map() // term shard → its top records, requested
    this.cols = new Map()
  }

  // get fetches a file of the index once; names are relative to the
  // manifest's folder.
  get (name) {
    const u = new URL(name, this.url).href
    let p = this.files.get(u)
    if (!p) this.files.set(u, p = json(u))
    return p
  }

  async open () {
    const m = this.m = await this.get(this.url)
    if (m.v !== 1) throw Error('search index version ' + m.v)
    this.bounds = m.terms.map(t => t[0])
    this.fields = new Map(m.fields.map(f => [f.key, f]))
  }

  // shard returns the term shard that holds key.
  shard (key) {
    let lo = 0, hi = this.bounds.length
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1
      if (this.bounds[mid] <= key) lo = mid; else hi = mid
    }
    return lo
  }

  // covering returns the term shards that may hold keys starting with p.
  covering (p) {
    const out = [this.shard(p)]
    while (out.at(-1) + 1 < this.bounds.length && this.bounds[out.at(-1) + 1] < p + '\uffff') out.push(out.at(-1) + 1)
    return out
  }

  // top requests the top records of term shards: each stem's first page
  // of results, so that a query of one word needs no document shard.
  top (shards) {
    for (const i of shards) {
      const f = this.m.terms[i][2]
      if (f && !this.tops.has(i)) this.tops.set(i, this.get(f + '.json').catch(() => ({})))
    }
  }

  async load (shards) {
    await Promise.all(shards.map(async i => {
      const t = await this.get(this.m.terms[i][1] + '.json')
      if (this.shards.has(i)) return
      const keys = Object.keys(t.p)
      for (const k of keys) this.post.set(k, t.p[k])
      for (const e of t.w.split(' ')) {
        if (!e) continue
        let w = e, s = e
        if (e.endsWith('!')) w = e.slice(0, -1), s = null
        else if (e.includes('~')) [w, s] = e.split('~'), s = [...w].slice(0, -s).join('')
        else if (e.includes('=')) [w, s] = e.split('=')
        this.stem.set(w, s)
        keys.push(w)
      }
      this.shards.set(i, keys)
    }))
  }

  // stemOf returns the stem of a word of the loaded shards, null for a
  // stop word, undefined for a word the index does not have.
  stemOf (w) {
    return this.stem.has(w) ? this.stem.get(w) : this.post.has(w) ? w : undefined
  }

  postings (stem) {
    let d = this.decoded.get(stem)
    if (d) return d
    // A posting takes one character or more.
    const s = this.post.get(stem) || '', L = this.m.levels, ids = new Int32Array(s.length), lv = new Uint8Array(s.length)
    let prev = -1, v = 0, shift = 0, k = 0
    for (let i = 0; i < s.length; i++) {
      const c = B64[s.charCodeAt(i)]
      if (c >= 32) { v += (c - 32) << shift; shift += 5; continue }
      v += c << shift
      prev += Math.floor(v / L) + 1
      ids[k] = prev
      lv[k++] = v % L + 1
      v = shift = 0
    }
    d = { ids: ids.subarray(0, k), lv: lv.subarray(0, k) }
    this.decoded.set(stem, d)
    return d
  }

  // match finds the stems a typed word stands for, with weights: the word
  // itself, an inflection the corpus has, completions of the word being
  // typed, and words one typo away. It returns null for a stop word.
  // With plain, it requests the top records of the stems' shards too.
  async match (w, typing, plain) {
    const found = new Map()
    const add = (s, weight) => { if (s && !(found.get(s) >= weight)) found.set(s, weight) }
    await this.load([this.shard(w)])
    const s = this.stemOf(w)
    if (s === null && !typing) return null
    add(s, EXACT)
    if (s === undefined) {
      // An inflection the corpus lacks: the longest stem it starts with.
      const n = size(w)
      for (let k = n - 1; k >= Math.max(3, n - 5) && !found.size; k--) {
        const p = [...w].slice(0, k).join('')
        await this.load([this.shard(p)])
        if (this.post.has(p)) add(p, INFLECTED)
      }
    }
    if (typing) {
      const shards = this.covering(w)
      if (shards.length <= 3) {
        await this.load(shards)
        const more = []
        for (const i of shards) for (const k of this.shards.get(i)) if (k.startsWith(w) && k !== w) more.push(this.stemOf(k))
        more.filter(Boolean).sort((a, b) => (this.post.get(b) || '').length - (this.post.get(a) || '').length).slice(0, 64).forEach(x => add(x, PREFIX))
      }
    }
    if (!found.size && size(w) >= 5) {
      const shards = [...new Set([...this.covering(w.slice(0, 2)), ...this.covering(w[0] + w[2])])]
      if (shards.length <= 6) {
        await this.load(shards)
        for (const i of shards) for (const k of this.shards.get(i)) if (oneEdit(k, w)) add(this.stemOf(k), TYPO)
      }
    }
    if (s === null && !found.size) return null
    // A stem's postings live in the shard of the stem, usually the word's,
    // and so do the records of its best documents.
    const where = [...new Set([...found.keys()].map(k => this.shard(k)))]
    if (plain) this.top(where)
    await this.load(where)
    return found
  }

  // idf weighs a stem by the number of documents that have it.
  idf (n) {
    return Math.log(1 + (this.m.n - n + 0.5) / (n + 0.5))
  }

  // search returns the documents matching every word of q, unordered,
  // their scores by document, and the stems they matched; null when q has
  // no word to search for.
  // plain says no facet narrows the results: then their first page is
  // likely in the top records of the query's stems.
  async search (q, plain) {
    const words = tokens(q), typing = !(ASCII.test(q) ? ASCII_END : END).test(q)
    const n = this.m.count, total = new Float64Array(n), best = new Float64Array(n), stems = new Set()
    // ids: the documents matching every word so far. The loops run over
    // postings, not over every document: a first query runs them before
    // the engine has compiled them.
    let ids = null
    const shards = [...new Set(words.map(w => this.shard(w)))]
    if (plain) this.top(shards)
    await this.load(shards)
    for (let j = 0; j < words.length; j++) {
      const found = await this.match(words[j], typing && j === words.length - 1, plain)
      if (!found) continue
      if (!ids && found.size === 1) {
        // The commonest case, one word standing for one stem: its
        // postings are the results, their levels the scores. (The ids
        // are the postings cache's own array: read, never changed.)
        const [[stem, weight]] = found, { ids: p, lv } = this.postings(stem), w = weight * this.idf(p.length)
        stems.add(stem)
        for (let i = 0; i < p.length; i++) total[p[i]] = w * lv[i]
        ids = p
        continue
      }
      const touched = []
      for (const [stem, weight] of found) {
        stems.add(stem)
        const { ids: p, lv } = this.postings(stem)
        const w = weight * this.idf(p.length)
        for (let i = 0; i < p.length; i++) {
          const id = p[i], s = w * lv[i]
          if (!best[id]) touched.push(id)
          if (s > best[id]) best[id] = s
        }
      }
      ids = ids ? ids.filter(id => best[id] > 0) : touched
      for (let i = 0; i < ids.length; i++) total[ids[i]] += best[ids[i]]
      for (let i = 0; i < touched.length; i++) best[touched[i]] = 0
    }
    return ids && { ids, score: total, stems, last: typing ? words.at(-1) : '' }
  }

  // column loads a facet's column (a derived facet's parent's).
  async column (key) {
    const f = this.fields.get(key)
    if (f.of) return this.column(f.of)
    if (!this.cols.has(key)) {
      const c = await this.get(f.file + '.json'), codes = new Uint16Array(this.m.count)
      for (let i = 0, id = 0; i < c.col.length; id++) {
        const x = COL[c.col.charCodeAt(i++)]
        codes[id] = x < ONE ? x : ONE + COL[c.col.charCodeAt(i++)] * COLS.length + COL[c.col.charCodeAt(i++)]
      }
      this.cols.set(key, { sets: c.sets, codes })
    }
  }

  // coded returns a loaded facet's column: its sets of values (value
  // numbers), and each document's set as a code. A derived facet has its
  // parent's codes and the parent's sets mapped through parents.
  coded (key) {
    const f = this.fields.get(key)
    if (!f.of) return this.cols.get(key)
    const p = this.cols.get(f.of)
    if (!p.derived) p.derived = new Map()
    if (!p.derived.has(key)) p.derived.set(key, { sets: p.sets.map(vs => vs.map(v => f.parents[v]).filter(v => v >= 0)), codes: p.codes })
    return p.derived.get(key)
  }

  // values returns a document's values of a facet, as value numbers.
  values (key, id) {
    const c = this.coded(key)
    return c.sets[c.codes[id]]
  }

  // doc returns document id's record, from the top records requested
  // if one has it, else from its document shard.
  async doc (id) {
    let d
    for (const t of this.tops.values()) if ((d = (await t)[id])) break
    if (!d) d = (await this.get(this.m.docs[Math.floor(id / this.m.size)] + '.json'))[id % this.m.size]
    return { title: d[0], url: d[1], excerpt: d[2], faculty: this.m.faculties[d[3] - 1], note: d[4] }
  }
}

// byScore orders documents best first: by score, then by number.
const byScore = score => (a, b) => score[b] - score[a] || a - b

// ranked returns the first k of ids in the order of byScore. It keeps the
// k best as it goes rather than sorting them all, which on a first query,
// before the engine has compiled anything, takes 10–15 ms for 15,000
// results.
const ranked = (ids, score, k) => {
  const out = [], order = byScore(score)
  for (let j = 0; j < ids.length; j++) {
    const id = ids[j]
    let i = out.length
    if (i === k) {
      // Most fall below the k-th at once, without a call.
      if (score[id] < score[out[k - 1]] || order(id, out[k - 1]) > 0) continue
      i--
    }
    for (; i > 0 && order(id, out[i - 1]) < 0; i--) out[i] = out[i - 1]
    out[i] = id
  }
  return out
}

const json = url => fetch(url).then(r => {
  if (!r.ok) throw Error(r.status + ' ' + r.url)
  return r.json()
})

// toggle shows or hides e, whatever display the page's styles give it.
const toggle = (e, on) => {
  e.hidden = !on
  e.style.display = on ? '' : 'none'
}

const el = (tag, props, ...kids) => {
  const e = Object.assign(document.createElement(tag), props)
  e.append(...kids.filter(k => k != null && k !== ''))
  return e
}

// highlight returns text as nodes, the words that matched in <mark>.
const highlight = (ix, text, found) => {
  const out = []
  let at = 0
  for (const m of matches(text)) {
    const w = fold(m[0]), s = ix.stem.has(w) ? ix.stem.get(w) : w
    if (found.stems.has(s) || (found.last && w.startsWith(found.last))) {
      out.push(text.slice(at, m.index), el('mark', { textContent: m[0] }))
      at = m.index + m[0].length
    }
  }
  out.push(text.slice(at))
  return out
}

// Search is the search UI of one page: /search/ or a finder page.
class Search {
  constructor (root) {
    this.root = root
    this.finder = root.dataset.search === 'finder'
    // The page's inline script may have started the first query's requests.
    this.ix = new Index(root.dataset.index, root.searchFiles)
    this.keys = root.dataset.facets.split(' ')
    this.fixed = new URLSearchParams(root.dataset.fixed || '')
    // A finder's cards show what its static cards show: facet values,
    // the faculty and the note, in its data-meta order.
    this.meta = (root.dataset.meta || '').split(' ').filter(Boolean)
    this.noun = root.dataset.noun || 'result'
    this.plural = root.dataset.plural || this.noun + 's'
    this.sel = new Map(this.keys.map(k => [k, new Set()]))
    this.groups = new Map()
    this.run = this.rendered = 0
  }

  async start () {
    const params = new URLSearchParams(location.search)
    if (this.finder && !location.search) {
      // A static facet page (/placements/setting/acute/) starts with its
      // value chosen.
      const m = /\/([^/]+)\/([^/]+)\/(page\/\d+\/)?$/.exec(location.pathname)
      const current = this.root.querySelector('nav [aria-current=page]')
      if (m && current && this.sel.has(m[1])) params.set(m[1], m[2])
    }
    for (const [k, set] of this.sel) for (const v of params.getAll(k)) set.add(v)
    const r = this.root
    this.input = r.querySelector('input[type=search]') || el('input', { type: 'search', name: 'q', id: 'search-input', autocomplete: 'off' })
    this.input.value = params.get('q') || ''
    this.status = r.querySelector('#search-status') || el('p', { id: 'search-status', role: 'status' })
    this.list = r.querySelector('#search-results') || el('ol', { id: 'search-results', className: 'cards' })
    await this.ix.open()
    // The query's shards and the kinds are fetched first: on a first
    // visit the round trips are what the visitor waits for.
    this.pending = this.input.value ? this.ix.search(this.input.value, this.plain()) : null
    this.ix.column('kind')
    // The finder shows every facet's counts; the search page loads a
    // facet's column when its group is opened.
    const loads = Promise.all(this.finder ? this.keys.map(k => this.ix.column(k)) : [])
    // The finder keeps its static list until the visitor filters it.
    this.initial = this.finder && !this.input.value && ![...this.sel.values()].some(s => s.size) ? 0 : 1
    await this.update(false)
    await loads
    this.counts()
  }

  // build makes the form: the query box, a group of checkboxes per facet,
  // the live region, the results list. It runs with the first results, so
  // that the page is laid out once, with them.
  build () {
    if (this.form) return
    const r = this.root
    this.status.setAttribute('aria-live', 'polite')
    this.more = el('button', { type: 'button', className: 'button', textContent: 'Show more results' })
    toggle(this.more, false)
    this.more.onclick = () => this.showMore()
    const form = this.form = r.querySelector('form') || el('form', { role: 'search' },
      el('label', { htmlFor: 'search-input', textContent: 'Search ' + this.plural }), ' ', this.input)
    form.addEventListener('submit', e => { e.preventDefault(); this.update(true) })
    this.input.addEventListener('input', () => {
      clearTimeout(this.timer)
      this.timer = setTimeout(() => this.update(true), 80)
    })
    const filters = r.querySelector('#search-filters') || el('div', { id: 'search-filters' })
    for (const key of this.keys) {
      const details = el('details', { open: this.finder || key === 'kind' || this.sel.get(key).size > 0 },
        el('summary', { textContent: this.ix.fields.get(key).label }), el('ul'))
      details.addEventListener('toggle', () => details.open && this.ix.column(key).then(() => this.counts()))
      filters.append(details)
      this.groups.set(key, { details, inputs: new Map() })
    }
    r.querySelectorAll('.search-nojs').forEach(e => toggle(e, false))
    if (!this.finder) {
      filters.prepend(el('h2', { textContent: 'Filter results' }))
      // On a narrow screen the filters stand above the results, as on the
      // finder, whose link this is.
      filters.before(el('p', { className: 'finder-jump' }, el('a', { href: '#results', textContent: 'Skip to the results' })))
      this.grid = filters.parentElement
      // A query that finds nothing gets advice, and the browse pages the
      // page lists for visitors without JavaScript.
      const browse = r.querySelector('.search-nojs ul')
      this.none = el('div', { className: 'search-none' }, el('p'), el('p', { textContent: 'Everything search finds is also on the browse pages:' }), browse && browse.cloneNode(true))
      toggle(this.none, false)
    }
    if (this.finder) {
      const nav = r.querySelector('nav')
      const extra = nav.querySelector('.facet-extra')
      nav.replaceChildren(el('h2', { textContent: 'Filter ' + this.plural }), form, filters, extra || '')
      const results = r.querySelector('.results')
      this.static = [...results.children]
      results.append(this.status, this.list, this.more)
      toggle(this.list, false)
    } else {
      this.list.after(this.more, this.none)
    }
  }

  // plain says no facet narrows the results.
  plain () {
    return !this.fixed.size && ![...this.sel.values()].some(s => s.size)
  }

  // state writes the query and the chosen values into the address.
  state () {
    const p = new URLSearchParams()
    if (this.input.value) p.set('q', this.input.value)
    for (const [k, set] of this.sel) for (const v of set) p.append(k, v)
    const path = this.finder ? this.root.dataset.finderUrl : location.pathname
    history.replaceState(null, '', path + (p.size ? '?' + p : ''))
  }

  async update (changed) {
    const run = ++this.run
    if (changed) this.state(), this.initial = 1
    const q = this.input.value
    const search = !changed && this.pending ? this.pending : this.ix.search(q, this.plain())
    this.pending = null
    const [found] = await Promise.all([search, this.ix.column('kind'),
      ...[...this.fixed.keys(), ...this.meta.filter(k => this.ix.fields.has(k)),
        ...[...this.sel].filter(([, s]) => s.size).map(([k]) => k)].map(k => this.ix.column(k))])
    if (run !== this.run) return
    this.found = found || { ids: null, stems: new Set(), last: '' }
    if (!this.initial) return this.build(), this.counts()
    // An empty search page lists nothing rather than everything.
    const idle = !found && !this.finder && ![...this.sel.values()].some(s => s.size)
    // Only the first page is put in order now; the rest waits for
    // "Show more".
    const ids = idle ? [] : this.filter(this.found.ids, null)
    const score = this.found.score
    const shown = await this.items(score ? ranked(ids, score, PAGE) : ids.slice(0, PAGE))
    if (run !== this.run) return
    // The results, their count and the form change at once.
    this.build()
    this.ids = ids
    this.score = score
    this.list.replaceChildren(...shown)
    this.shown = PAGE
    toggle(this.more, PAGE < ids.length)
    this.counts(ids)
    const n = ids.length
    this.status.textContent = idle ? '' : `${n || 'No'} ${n === 1 ? this.noun : this.plural}` + (found ? ` for “${q.trim()}”` : '')
    if (this.static) this.static.forEach(e => toggle(e, false)), toggle(this.list, true)
    if (this.none) {
      // With nothing found, filters are no use unless some are chosen:
      // a bare grid hides them and the link past them.
      const chosen = [...this.sel.values()].some(s => s.size)
      this.none.firstChild.textContent = chosen ? 'Try fewer filters, or other words.' : 'Check the spelling, or try fewer or other words.'
      toggle(this.none, found && !n), toggle(this.list, n)
      this.grid.classList.toggle('finder-bare', !(n || chosen))
    }
    // Tests and the benchmark wait for this.
    this.root.dataset.rendered = ++this.rendered
  }

  // filter returns the documents of ids (all, in order, when null) that
  // have the fixed values and a chosen value of every facet but skip.
  filter (ids, skip) {
    const ix = this.ix, out = []
    const tests = [['kind', null], ...[...this.sel].filter(([k, s]) => k !== skip && s.size)]
    for (const k of new Set(this.fixed.keys())) tests.push([k, new Set(this.fixed.getAll(k))])
    // Whether a document passes is worked out once for each set of values
    // a facet has, not for each document: a document needs a kind, and a
    // chosen value of each facet tested. A test every set passes is
    // dropped (the kind, nearly always).
    const codes = [], ok = []
    for (const [k, chosen] of tests) {
      const c = ix.coded(k), want = chosen && new Set(ix.fields.get(k).values.flatMap(([slug], i) => chosen.has(slug) ? [i] : []))
      const pass = c.sets.map(vs => want ? vs.some(v => want.has(v)) : vs.length > 0)
      if (!pass.every(Boolean)) codes.push(c.codes), ok.push(pass)
    }
    const n = ids ? ids.length : ix.m.count
    next: for (let i = 0; i < n; i++) {
      const id = ids ? ids[i] : i
      for (let t = 0; t < ok.length; t++) if (!ok[t][codes[t][id]]) continue next
      out.push(id)
    }
    return out
  }

  // counts shows, by each value of each facet whose column is loaded, how
  // many results choosing it would give. all, when given, is the results
  // (this.filter(this.found.ids, null)).
  counts (all) {
    const ix = this.ix
    if (!this.found) return
    for (const [key, g] of this.groups) {
      const f = ix.fields.get(key)
      if (!ix.cols.has(f.of || key)) continue
      const n = new Array(f.values.length).fill(0)
      // Without a value of this facet chosen, its counts are the results'.
      const ids = this.sel.get(key).size ? this.filter(this.found.ids, key) : (all ||= this.filter(this.found.ids, null))
      // Documents are counted by their set of values first.
      const c = ix.coded(key), sets = new Uint32Array(c.sets.length)
      for (let i = 0; i < ids.length; i++) sets[c.codes[ids[i]]]++
      c.sets.forEach((vs, code) => { for (const v of vs) n[v] += sets[code] })
      const ul = g.details.querySelector('ul')
      f.values.forEach(([slug, name], v) => {
        let c = g.inputs.get(slug)
        if (!c) {
          const input = el('input', { type: 'checkbox', name: key, value: slug, checked: this.sel.get(key).has(slug) })
          input.onchange = () => {
            this.sel.get(key)[input.checked ? 'add' : 'delete'](slug)
            this.update(true)
          }
          c = { input, count: el('span'), li: null }
          c.li = el('li', {}, el('label', {}, input, ' ' + name + ' ', c.count))
          g.inputs.set(slug, c)
          ul.append(c.li)
        }
        c.count.textContent = `(${n[v]})`
        toggle(c.li, n[v] || c.input.checked)
      })
    }
  }

  // showMore adds the next results and moves focus to the first of them.
  async showMore () {
    const run = this.run, n = this.shown + PAGE, score = this.score
    if (score) this.ids.sort(byScore(score)), this.score = null
    const items = await this.items(this.ids.slice(this.shown, n))
    if (run !== this.run) return
    this.list.append(...items)
    this.shown = n
    toggle(this.more, n < this.ids.length)
    if (items[0]) items[0].querySelector('a').focus()
    this.root.dataset.rendered = ++this.rendered
  }

  // items makes the list items of the results ids.
  async items (ids) {
    const docs = await Promise.all(ids.map(id => this.ix.doc(id)))
    const ix = this.ix, label = (key, id) => ix.cols.has(key) ? ix.values(key, id).map(v => ix.fields.get(key).values[v][1]).join(', ') : ''
    return docs.map((d, i) => {
      const id = ids[i], kind = ix.fields.get('kind').values[ix.values('kind', id)[0]]
      // The finder's cards say what its static cards say.
      const meta = this.finder ? this.meta.map(m => m === 'faculty' ? d.faculty : m === 'note' ? d.note : label(m, id)) : [kind[1], d.faculty, d.note]
      return el('li', { className: 'card card-' + kind[0] },
        el('h3', { className: 'card-title' }, el('a', { href: d.url }, ...highlight(ix, d.title, this.found))),
        d.excerpt ? el('p', { className: 'card-summary' }, ...highlight(ix, d.excerpt, this.found)) : '',
        el('ul', { className: 'card-meta' }, ...meta.filter(Boolean).map(m => el('li', { textContent: m }))))
    })
  }
}

const root = document.querySelector('[data-search]')
if (root) {
  const s = new Search(root)
  s.start().catch(e => {
    if (s.status) s.status.textContent = 'Search is not available just now: browse the pages instead.'
    throw e
  })
}
