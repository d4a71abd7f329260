// The preview page's live updates (decks/preview/page.py puts this in the page's head): the page asks the
// server for news over server-sent events and updates itself when the version it shows is old. EventSource
// reconnects by itself when the server is away.
(function () {
  function version(doc) {
    var meta = doc.querySelector('meta[name="recap-version"]');
    return meta ? meta.content : '';
  }
  var shown = version(document), busy = false, again = false;
  var ERRORS = 'DIV.live-errors';
  // Only the parts that changed are replaced (a slide, the sketchnote, the problems), so the browser lays out
  // one slide again, not the whole page; a page of another shape is replaced whole.
  function parts(body) {
    var out = {};
    Array.prototype.forEach.call(body.querySelectorAll('body > header, body > .live-errors, main > section'),
      function (el) { out[el.id || el.tagName + '.' + el.className] = el; });
    return out;
  }
  function styles(head) {
    var fresh = head.querySelectorAll('style'), old = document.head.querySelectorAll('style');
    for (var i = 0; i < fresh.length && i < old.length; i++) {
      if (old[i].textContent !== fresh[i].textContent) old[i].textContent = fresh[i].textContent;
    }
  }
  function element(html) {
    var t = document.createElement('template');
    t.innerHTML = html;
    return t.content.firstElementChild;
  }
  function swap(body) {
    var now = parts(document.body), next = parts(body);
    var same = Object.keys(now).join() === Object.keys(next).join();
    if (!same) {
      var x = window.scrollX, y = window.scrollY;
      document.body.replaceWith(document.importNode(body, true));
      window.scrollTo(x, y);
      return;
    }
    Object.keys(next).forEach(function (key) {
      if (now[key].outerHTML !== next[key].outerHTML) now[key].replaceWith(document.importNode(next[key], true));
    });
  }
  // The whole page, fetched and swapped in place.
  function whole() {
    return fetch('/', {cache: 'no-store'}).then(function (r) { return r.text(); }).then(function (text) {
      var doc = new DOMParser().parseFromString(text, 'text/html');
      styles(doc.head);
      document.title = doc.title;
      document.documentElement.lang = doc.documentElement.lang;
      swap(doc.body);
      shown = version(doc);
    });
  }
  // Only what changed since the version shown (the server's /changes): false when the page has another shape
  // than the news expects (then it is fetched whole).
  function patch(news) {
    var now = parts(document.body);
    var keys = Object.keys(now).filter(function (k) { return k !== ERRORS; });
    if (news.whole || keys.join() !== news.keys.join()) return false;
    if (news.head !== null) styles(new DOMParser().parseFromString(news.head, 'text/html').head);
    document.title = news.title;
    document.documentElement.lang = news.lang;
    Object.keys(news.parts).forEach(function (key) { now[key].replaceWith(element(news.parts[key])); });
    if (now[ERRORS]) now[ERRORS].remove();
    if (news.errors) document.body.insertBefore(element(news.errors), document.body.firstChild);
    shown = String(news.version);
    return true;
  }
  // A change swaps the changed parts of the page's body and its styles in place: no reload, so fonts stay
  // loaded and the reader stays where they were; if that fails, the page is simply loaded again.
  function update() {
    if (busy) { again = true; return; }
    busy = true;
    fetch('/changes?since=' + encodeURIComponent(shown), {cache: 'no-store'}).then(function (r) {
      return r.json();
    }).then(function (news) {
      if (!patch(news)) return whole();
    }).catch(function () { window.location.reload(); }).then(function () {
      busy = false;
      if (again) { again = false; update(); }
    });
  }
  var source = new EventSource('/events');
  source.addEventListener('reload', function (e) { if (e.data !== shown) update(); });
})();
