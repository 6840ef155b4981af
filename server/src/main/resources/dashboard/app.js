/*
 * Statekeeper dashboard: the one script of every page.
 * (a) The token flow: the page's data is a server-rendered HTML fragment behind the API's guard. When the server
 *     asks for the token (401), the page shows a form; the token is kept in this tab's sessionStorage and sent as
 *     "Authorization: Bearer", never in a URL.
 * (b) Live updates: the page follows GET /api/v1/events/stream with fetch() (EventSource cannot send the header),
 *     from the sequence the fragment was rendered at, and reloads the fragment when an event arrives. Where the
 *     stream cannot be followed (a backend without change history, a stream ended), it polls the fragment every
 *     5 seconds with If-None-Match, so an unchanged fragment costs a 304.
 * The fragment is inserted as the server rendered it: every stored value in it was escaped by the server.
 */
'use strict';
(function () {
  const KEY = 'statekeeper.token';
  const POLL_MS = 5000;
  const main = document.getElementById('content');
  const form = document.getElementById('token-form');
  const input = document.getElementById('token');
  const error = document.getElementById('token-error');
  const live = document.getElementById('live');
  if (!main || !main.dataset.fragment) {
    return;
  }
  const source = main.dataset.fragment;
  let etag = null;
  let streaming = false;
  let polling = null;
  let pending = null;

  function headers() {
    const h = {};
    const token = sessionStorage.getItem(KEY);
    if (token) {
      h.Authorization = 'Bearer ' + token;
    }
    return h;
  }

  function say(text) {
    if (live) {
      live.textContent = text;
    }
  }

  function ask(message) {
    if (message) {
      sessionStorage.removeItem(KEY);
    }
    stopPolling();
    main.hidden = true;
    form.hidden = false;
    error.textContent = message || '';
    input.focus();
  }

  async function problem(response) {
    try {
      const body = await response.json();
      return body.detail || body.title || ('HTTP ' + response.status);
    } catch (e) {
      return 'HTTP ' + response.status;
    }
  }

  /** Loads the fragment; true when the page shows current data. */
  async function load() {
    const h = headers();
    if (etag) {
      h['If-None-Match'] = etag;
    }
    let response;
    try {
      response = await fetch(source, {headers: h, cache: 'no-store'});
    } catch (e) {
      say('Offline: ' + e.message);
      return false;
    }
    if (response.status === 401) {
      ask(sessionStorage.getItem(KEY) ? 'The server refused that token.' : '');
      return false;
    }
    if (response.status === 304) {
      return true;
    }
    const type = response.headers.get('Content-Type') || '';
    if (!type.startsWith('text/html')) {
      const p = document.createElement('p');
      p.className = 'problem';
      p.setAttribute('role', 'alert');
      p.textContent = await problem(response);
      main.replaceChildren(p);
      return false;
    }
    etag = response.headers.get('ETag');
    main.innerHTML = await response.text();
    const fragment = main.querySelector('.fragment');
    if (fragment && fragment.dataset.title) {
      document.title = fragment.dataset.title + ' · Statekeeper';
    }
    return response.ok;
  }

  function changed() {
    if (pending === null) {
      pending = setTimeout(function () {
        pending = null;
        load();
      }, 150);
    }
  }

  function stopPolling() {
    if (polling !== null) {
      clearInterval(polling);
      polling = null;
    }
  }

  function poll() {
    if (polling === null) {
      say('Updates every 5 s');
      polling = setInterval(load, POLL_MS);
    }
  }

  async function stream(after, entity) {
    streaming = true;
    let url = '/api/v1/events/stream?after=' + encodeURIComponent(after);
    if (entity) {
      url += '&entity=' + encodeURIComponent(entity);
    }
    try {
      const response = await fetch(url, {headers: Object.assign({Accept: 'text/event-stream'}, headers()),
        cache: 'no-store'});
      if (!response.ok || !response.body) {
        throw new Error('HTTP ' + response.status);
      }
      say('Live');
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) {
          break;
        }
        buffer = (buffer + chunk.value).replace(/\r\n?/g, '\n');
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.split('\n').some(function (line) { return line.startsWith('id:'); })) {
            changed();
          }
        }
      }
    } catch (e) {
      // the stream failed or the server stops: fall back to polling
    }
    streaming = false;
    poll();
  }

  function follow() {
    const fragment = main.querySelector('.fragment');
    if (!fragment || streaming || polling !== null) {
      return;
    }
    if (fragment.dataset.entity === 'still') {
      say('Not updated live: reload to see it again');
      return; // a view that follows no change (the doctor's checks run on request): reloading it would run them again
    }
    const sequence = Number(fragment.dataset.sequence);
    if (Number.isInteger(sequence) && sequence >= 0) {
      stream(sequence, fragment.dataset.entity);
    } else {
      poll();
    }
  }

  async function start() {
    if (main.querySelector('.fragment') || await load()) {
      follow();
    }
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    const token = input.value.trim();
    input.value = '';
    if (!token) {
      return;
    }
    sessionStorage.setItem(KEY, token);
    form.hidden = true;
    main.hidden = false;
    etag = null;
    start();
  });

  start();
}());
