// MFA-7: the passkey pages' one script (served from 'self'; no inline script, no framework). It
// does only the WebAuthn calls and posts their results to the JSON API. Where the browser has no
// WebAuthn, or JavaScript is off, the passkey controls stay hidden and every other path works.
//   [data-passkey="login"]     the sign-in page: the button, and passkey autofill on the identifier
//   [data-passkey="code"]      the code step: a passkey instead of the code
//   [data-passkey="add"]       Edit My Profile → Passkeys: add one
//   [data-passkey="recovery"]  a reset's second proof (data-flow: the recovery flow's id)
(function () {
  'use strict';
  var PKC = window.PublicKeyCredential;
  if (!PKC || !navigator.credentials || !window.fetch) return;

  function toBytes(text) {
    var base64 = text.replace(/-/g, '+').replace(/_/g, '/');
    while (base64.length % 4) base64 += '=';
    var raw = atob(base64);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes.buffer;
  }

  function toText(buffer) {
    var bytes = new Uint8Array(buffer);
    var raw = '';
    for (var i = 0; i < bytes.length; i++) raw += String.fromCharCode(bytes[i]);
    return btoa(raw).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function withIds(list) {
    return (list || []).map(function (item) {
      return { type: item.type, id: toBytes(item.id), transports: item.transports };
    });
  }

  function creationOptions(json) {
    if (PKC.parseCreationOptionsFromJSON) return PKC.parseCreationOptionsFromJSON(json);
    var options = Object.assign({}, json, { challenge: toBytes(json.challenge), excludeCredentials: withIds(json.excludeCredentials) });
    options.user = Object.assign({}, json.user, { id: toBytes(json.user.id) });
    return options;
  }

  function requestOptions(json) {
    if (PKC.parseRequestOptionsFromJSON) return PKC.parseRequestOptionsFromJSON(json);
    return Object.assign({}, json, { challenge: toBytes(json.challenge), allowCredentials: withIds(json.allowCredentials) });
  }

  function credentialJson(credential) {
    var response = credential.response;
    var out = { id: credential.id, rawId: toText(credential.rawId), type: credential.type, clientExtensionResults: {}, response: { clientDataJSON: toText(response.clientDataJSON) } };
    if (credential.authenticatorAttachment) out.authenticatorAttachment = credential.authenticatorAttachment;
    if (response.attestationObject) {
      out.response.attestationObject = toText(response.attestationObject);
      if (response.getTransports) out.response.transports = response.getTransports();
    } else {
      out.response.authenticatorData = toText(response.authenticatorData);
      out.response.signature = toText(response.signature);
      if (response.userHandle) out.response.userHandle = toText(response.userHandle);
    }
    return out;
  }

  function post(url, body) {
    return fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body || {}) }).then(
      function (response) {
        return response.text().then(function (text) {
          var data = {};
          try {
            data = text ? JSON.parse(text) : {};
          } catch {
            data = {};
          }
          if (!response.ok) throw { api: true, message: (data.error && data.error.message) || '' };
          return data;
        });
      },
    );
  }

  /**
   * Shows the API's refusal (in the page's language), or the box's own words when the browser's
   * ceremony did not finish (never the browser's own message). `quiet`: a background ceremony
   * (passkey autofill) says only what the API refused.
   */
  function failure(box, quiet) {
    return function (error) {
      // A conditional request set aside for the button's own is no failure.
      if (error && error.name === 'AbortError') return;
      var fromApi = Boolean(error && error.api);
      if (quiet && !fromApi) return;
      var alert = box.querySelector('[data-passkey-error]');
      var message = (fromApi && error.message) || box.getAttribute('data-failed') || '';
      if (alert && message) {
        alert.textContent = message;
        alert.hidden = false;
      }
      var busy = box.querySelector('[data-passkey-start]');
      if (busy) busy.disabled = false;
    };
  }

  function clearAlert(box) {
    var alert = box.querySelector('[data-passkey-error]');
    if (alert) alert.hidden = true;
  }

  function signIn(box) {
    var identifier = document.getElementById('identifier');
    if (identifier) identifier.setAttribute('autocomplete', 'username webauthn');
    var pending = null;
    var land = function (answer) {
      var back = box.getAttribute('data-return');
      // New terms first; the wizard ends where the sign-in would have (an application's sign-in).
      window.location.assign(answer.next === 'register' ? '/register' + (back ? '?return=' + encodeURIComponent(back) : '') : back || '/home');
    };
    var ceremony = function (mediation) {
      return post('/api/v1/passkeys/login/options', {}).then(function (started) {
        var request = { publicKey: requestOptions(started.options) };
        if (mediation) {
          pending = new AbortController();
          request.mediation = mediation;
          request.signal = pending.signal;
        }
        return navigator.credentials.get(request).then(function (credential) {
          return post('/api/v1/passkeys/login', { flowId: started.flowId, credential: credentialJson(credential) });
        });
      });
    };
    box.hidden = false;
    box.querySelector('[data-passkey-start]').addEventListener('click', function (event) {
      event.target.disabled = true;
      clearAlert(box);
      if (pending) pending.abort();
      pending = null;
      ceremony(null).then(land, failure(box));
    });
    // Passkey autofill on the identifier field, where the browser has it (conditional mediation).
    if (PKC.isConditionalMediationAvailable) {
      PKC.isConditionalMediationAvailable().then(function (available) {
        if (available) ceremony('conditional').then(land, failure(box, true));
      });
    }
  }

  function codeStep(box) {
    box.hidden = false;
    box.querySelector('[data-passkey-start]').addEventListener('click', function (event) {
      event.target.disabled = true;
      clearAlert(box);
      post('/api/v1/login/code/passkey/options', {})
        .then(function (started) {
          return navigator.credentials.get({ publicKey: requestOptions(started.options) });
        })
        .then(function (credential) {
          return post('/api/v1/login/code/passkey', { credential: credentialJson(credential) });
        })
        .then(function (answer) {
          window.location.assign(answer.next === 'register' ? '/register' : box.getAttribute('data-return') || '/home');
        }, failure(box));
    });
  }

  function add(box) {
    box.hidden = false;
    var form = box.querySelector('form');
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var button = box.querySelector('[data-passkey-start]');
      button.disabled = true;
      clearAlert(box);
      var name = form.querySelector('[name="name"]');
      var code = form.querySelector('[name="code"]');
      post('/api/v1/me/passkeys/options', code && code.value ? { code: code.value } : {})
        .then(function (started) {
          return navigator.credentials.create({ publicKey: creationOptions(started.options) }).then(function (credential) {
            return post('/api/v1/me/passkeys', { flowId: started.flowId, credential: credentialJson(credential), name: name ? name.value : '' });
          });
        })
        .then(function () {
          window.location.assign('/profile/passkeys?added=1');
        }, failure(box));
    });
  }

  function recovery(box) {
    var flow = box.getAttribute('data-flow') || '';
    box.hidden = false;
    box.querySelector('[data-passkey-start]').addEventListener('click', function (event) {
      event.target.disabled = true;
      clearAlert(box);
      var base = '/api/v1/recovery/' + encodeURIComponent(flow);
      post(base + '/passkey/options', {})
        .then(function (started) {
          return navigator.credentials.get({ publicKey: requestOptions(started.options) });
        })
        .then(function (credential) {
          return post(base + '/passkey', { credential: credentialJson(credential) });
        })
        .then(function (answer) {
          window.location.assign('/recovery/' + encodeURIComponent(flow) + (answer.next === 'set_password' ? '/password' : ''));
        }, failure(box));
    });
  }

  var kinds = { login: signIn, code: codeStep, add: add, recovery: recovery };
  Array.prototype.forEach.call(document.querySelectorAll('[data-passkey]'), function (box) {
    // A passkey works only at the portal's own origin (its relying party): reached by another name, none is offered.
    if (box.getAttribute('data-origin') !== window.location.origin) return;
    var start = kinds[box.getAttribute('data-passkey')];
    if (!start) return;
    // The words for browsers without passkeys go once the controls are there.
    Array.prototype.forEach.call(document.querySelectorAll('[data-passkey-fallback]'), function (fallback) {
      fallback.hidden = true;
    });
    start(box);
  });
})();
