// "Listen": reads the Easy Read page aloud with the browser's own speech synthesis, in the
// page's language. Nothing is sent anywhere: no third-party voice service is used.
//
// The button is in the page with the hidden attribute and only shown where the browser
// can speak, so nobody meets a button that does nothing. It is a real <button>, so Enter
// and Space work; pressing it again (now "Stop") stops the reading. Its words come from
// the page (data-listen-text, data-stop-text), so they are translated like the rest.
const button = document.querySelector('[data-module="app-listen"]')
const region = document.querySelector('[data-read-aloud]')
const speech = window.speechSynthesis
const canSpeak = Boolean(button && region && speech &&
  typeof speech.speak === 'function' && typeof window.SpeechSynthesisUtterance === 'function')

// What a sighted reader reads: the headings, sentences, questions, choices and errors.
const READ = 'h1, h2, h3, legend, label, .app-easy-read__text, .govuk-error-summary__list li, ' +
  '.govuk-error-message, .govuk-panel__body, dt, dd, p.govuk-body'

function isShown (element) {
  return element.getClientRects().length > 0 && !element.closest('[hidden], .govuk-visually-hidden')
}

function passages () {
  const taken = []
  for (const element of region.querySelectorAll(READ)) {
    if (!isShown(element) || taken.some((outer) => outer.contains(element))) continue
    taken.push(element)
  }
  return taken.map((element) => element.innerText.replace(/\s+/g, ' ').trim()).filter(Boolean)
}

if (canSpeak) {
  const listenText = button.dataset.listenText
  const stopText = button.dataset.stopText
  let reading = false

  const finished = () => {
    reading = false
    button.textContent = listenText
  }

  const stop = () => {
    speech.cancel()
    finished()
  }

  const read = () => {
    speech.cancel() // anything still queued from before
    const language = document.documentElement.lang || 'en'
    const parts = passages()
    if (!parts.length) return
    reading = true
    button.textContent = stopText
    parts.forEach((text, index) => {
      const utterance = new window.SpeechSynthesisUtterance(text)
      utterance.lang = language
      utterance.rate = 0.9 // a little slower than usual, for people who find reading hard
      if (index === parts.length - 1) utterance.onend = finished
      utterance.onerror = finished
      speech.speak(utterance)
    })
  }

  button.addEventListener('click', () => (reading ? stop() : read()))
  // Leaving the page stops the voice, so it never reads one page over another.
  window.addEventListener('pagehide', () => speech.cancel())
  button.hidden = false
}
