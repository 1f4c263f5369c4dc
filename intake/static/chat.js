// The chat without page reloads. Without this script every message is an ordinary form post
// and the server renders the whole conversation, so nothing here is needed to use the chat.
const chat = document.querySelector('[data-chat]')

function newBotItems (log) {
  // What we said since the person last said something.
  const items = Array.from(log.querySelectorAll('li[data-who]'))
  const lastYou = items.map(item => item.dataset.who).lastIndexOf('you')
  return items.slice(lastYou + 1).filter(item => item.dataset.who === 'bot')
}

function spoken (items) {
  return items.map(item => Array.from(item.querySelectorAll('.app-chat__text, h2, li, dt, dd'))
    .map(node => node.textContent.trim()).join(' ')).join(' ')
}

function focusNext (controls, keepInView) {
  // keepInView: help is on screen; moving focus must not scroll it away.
  const target = controls.querySelector('#chat-message') ||
    controls.querySelector('.app-chat__reply, .govuk-checkboxes__input, button')
  if (target) target.focus({ preventScroll: keepInView })
}

async function send (form, submitter) {
  const data = new FormData(form)
  if (submitter && submitter.name) data.append(submitter.name, submitter.value)
  const buttons = chat.querySelectorAll('button')
  buttons.forEach(button => { button.disabled = true })
  let response
  try {
    response = await fetch(form.action, {
      method: 'POST', body: data, headers: { Accept: 'application/json' }, credentials: 'same-origin'
    })
  } catch (error) {
    buttons.forEach(button => { button.disabled = false })
    chat.querySelector('[data-chat-announce]').textContent =
      chat.dataset.offline
    return
  }
  const reply = await response.json().catch(() => null)
  if (!reply) { window.location.reload(); return }
  if (reply.redirect) { window.location.assign(reply.redirect); return }
  const log = document.getElementById('chat-log')
  const controls = document.getElementById('chat-controls')
  log.innerHTML = reply.log
  controls.innerHTML = reply.controls
  const problem = controls.querySelector('#chat-problem')
  const fresh = newBotItems(log)
  const help = fresh.filter(item => item.hasAttribute('data-help'))
  // Help is read out first and at once; the rest of the reply politely after it.
  chat.querySelector('[data-chat-announce-help]').textContent = spoken(help)
  chat.querySelector('[data-chat-announce]').textContent =
    problem ? problem.textContent : spoken(fresh.filter(item => !item.hasAttribute('data-help')))
  // Show the start of the reply (help first when there is help), not its end.
  const latest = help[0] || log.querySelector('#latest')
  focusNext(controls, help.length > 0)
  if (latest) latest.scrollIntoView({ block: 'start' })
}

if (chat) {
  chat.addEventListener('submit', event => {
    const form = event.target.closest('[data-chat-form]')
    if (!form) return
    event.preventDefault()
    send(form, event.submitter)
  })
  chat.addEventListener('keydown', event => {
    // Enter sends; Shift+Enter starts a new line.
    if (event.target.id === 'chat-message' && event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault()
      const form = event.target.form
      send(form, form.querySelector('[data-chat-send]'))
    }
  })
  const latest = document.getElementById('latest')
  if (latest && window.location.hash === '#latest') latest.scrollIntoView({ block: 'start' })
}
