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
  // ends the event stream when the page is left: a browser keeps a streaming response open otherwise, and six of
  // them (its connections per server) would leave the next pages' requests waiting
  const leaving = new AbortController();
  window.addEventListener('pagehide', function () {
    leaving.abort();
  });
  window.addEventListener('pageshow', function (event) {
    if (event.persisted) { // back from the browser's page cache, with its stream ended: start afresh
      location.reload();
    }
  });

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
        cache: 'no-store', signal: leaving.signal});
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
    if (!leaving.signal.aborted) {
      poll();
    }
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

  // for the actions' block below: the token's header, and a reload of the fragment that resolves once it is shown
  window.Statekeeper = Object.freeze({headers: headers, reload: function () {
    etag = null;
    return load();
  }});

  start();
}());

/*
 * Actions (only rendered with STATEKEEPER_DASHBOARD_WRITE=true): a button or form with class "action" and
 * data-api (a route of the JSON API) and data-confirm (the question). A click asks in a <dialog>; once confirmed,
 * the request goes to that same API route with this tab's token and an Idempotency-Key (a network retry of it is
 * applied once), a form's fields as its JSON body, data-if-match as If-Match. Then the fragment is reloaded and the outcome, or the API's
 * problem detail, is shown in a role=alert line above the page.
 */
(function () {
  const main = document.getElementById('content');
  if (!main || !window.Statekeeper) {
    return;
  }
  let dialog = null;
  let outcome = null;

  function key() {
    if (window.crypto && crypto.randomUUID) {
      return crypto.randomUUID();
    }
    // not a secure context (plain http to an address other than loopback): 122 random bits all the same
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, function (x) { return x.toString(16).padStart(2, '0'); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  /** Asks the question in a modal dialog; resolves true when confirmed. */
  function confirmed(question) {
    if (dialog === null) {
      dialog = document.createElement('dialog');
      dialog.id = 'confirm';
      dialog.setAttribute('aria-labelledby', 'confirm-text');
      const text = document.createElement('p');
      text.id = 'confirm-text';
      const form = document.createElement('form');
      form.method = 'dialog';
      const cancel = document.createElement('button');
      cancel.value = 'cancel';
      cancel.textContent = 'Cancel';
      const ok = document.createElement('button');
      ok.value = 'ok';
      ok.id = 'confirm-ok';
      ok.textContent = 'Confirm';
      form.append(cancel, ' ', ok);
      dialog.append(text, form);
      document.body.append(dialog);
    }
    dialog.querySelector('#confirm-text').textContent = question;
    dialog.returnValue = '';
    return new Promise(function (resolve) {
      dialog.addEventListener('close', function () {
        resolve(dialog.returnValue === 'ok');
      }, {once: true});
      dialog.showModal();
      dialog.querySelector('button[value=cancel]').focus();
    });
  }

  function show(text, failed) {
    if (outcome === null) {
      outcome = document.createElement('p');
      outcome.id = 'action-outcome';
      outcome.setAttribute('role', 'alert');
      main.before(outcome);
    }
    outcome.className = failed ? 'outcome problem' : 'outcome';
    outcome.textContent = text;
  }

  function describe(body) {
    if (body && typeof body.reason === 'string') {
      return 'Decided: ' + body.status + ' (' + body.reason + ').';
    }
    if (body && Array.isArray(body.sessions)) {
      return 'Removed ' + body.sessions.length + (body.sessions.length === 1 ? ' ended session.' : ' ended sessions.');
    }
    if (body && typeof body.name === 'string' && typeof body.status === 'string') {
      return 'Session ' + body.name + ' is ' + body.status + '.';
    }
    return 'Done.';
  }

  async function act(element) {
    if (!await confirmed(element.dataset.confirm || 'Go ahead?')) {
      return;
    }
    const headers = Object.assign({'Idempotency-Key': key(), Accept: 'application/json'},
      window.Statekeeper.headers());
    const init = {method: 'POST', headers: headers, cache: 'no-store', credentials: 'omit'};
    if (element.dataset.ifMatch) {
      headers['If-Match'] = element.dataset.ifMatch;
    }
    if (element.tagName === 'FORM') {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(Object.fromEntries(new FormData(element)));
    }
    element.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
    if (element.tagName === 'BUTTON') {
      element.disabled = true;
    }
    let text;
    let failed = true;
    try {
      const response = await fetch(element.dataset.api, init);
      let body = null;
      try {
        body = await response.json();
      } catch (e) {
        body = null;
      }
      failed = !response.ok;
      text = failed ? 'Refused: ' + ((body && (body.detail || body.title)) || ('HTTP ' + response.status))
        : describe(body);
    } catch (e) {
      text = 'Not sent: ' + e.message;
    }
    await window.Statekeeper.reload();
    show(text, failed);
  }

  main.addEventListener('click', function (event) {
    const button = event.target.closest('button.action');
    if (button && main.contains(button)) {
      event.preventDefault();
      act(button);
    }
  });
  main.addEventListener('submit', function (event) {
    const form = event.target.closest('form.action');
    if (form) {
      event.preventDefault();
      act(form);
    }
  });
}());
