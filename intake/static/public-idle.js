// The public form's idle time-out, done kindly (WCAG 2.2.1 Timing Adjustable).
//
// The server forgets this browser's form after INTAKE_PUBLIC_IDLE_MINUTES without a
// request (a shared or watched phone). Two minutes before, this shows a warning
// (role="alertdialog", focus moved to it) with a "Keep working" button that tells the server
// the person is still here. Someone who is typing or tapping is not idle: their form is
// kept open without interrupting them. When the time is up the page goes to /timed-out, so
// the answers on screen do not stay there for the next person.
//
// Without JavaScript the page says how long it can be left (#idle-notice), and nothing
// else changes. The warning's words come from the page (a <template>), so they are
// translated like every other string.
const notice = document.getElementById('idle-notice')
const template = document.getElementById('idle-warning-template')

if (notice && template) {
  const limit = Number(notice.dataset.idleMinutes) * 60 * 1000
  const warnBefore = 2 * 60 * 1000
  const grace = 5 * 1000 // the server counts from the request, a moment before this page ran
  const keepAliveUrl = notice.dataset.keepAliveUrl
  const timedOutUrl = notice.dataset.timedOutUrl
  const csrfToken = notice.dataset.csrfToken

  const warning = template.content.firstElementChild.cloneNode(true)
  warning.hidden = true
  warning.tabIndex = -1
  const main = document.getElementById('main-content')
  main.insertBefore(warning, main.firstChild)
  const keepButton = warning.querySelector('[data-keep-working]')

  let lastContact = Date.now() // when the server last heard from this page
  let lastActivity = 0 // when the person last typed, tapped or clicked
  let returnFocus = null
  let warnTimer
  let closeTimer

  const close = () => window.location.assign(timedOutUrl)

  const arm = () => {
    clearTimeout(warnTimer)
    clearTimeout(closeTimer)
    const now = Date.now()
    warnTimer = setTimeout(warn, Math.max(lastContact + limit - warnBefore - now, 0))
    closeTimer = setTimeout(close, Math.max(lastContact + limit + grace - now, 0))
  }

  const keepAlive = async () => {
    let answer = {}
    try {
      const response = await fetch(keepAliveUrl, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { Accept: 'application/json', 'X-CSRFToken': csrfToken }
      })
      answer = response.ok ? await response.json() : {}
    } catch (error) {
      return false // offline for a moment: the warning stays, the button can be pressed again
    }
    if (answer.status === 'ok') {
      lastContact = Date.now()
      arm()
      return true
    }
    if (answer.status === 'timed_out') close()
    return false
  }

  const hide = () => {
    warning.hidden = true
    if (returnFocus && document.contains(returnFocus)) returnFocus.focus()
    returnFocus = null
  }

  function warn () {
    if (lastActivity > lastContact) {
      keepAlive() // still typing: keep the form open without interrupting
      return
    }
    if (!warning.hidden) return
    returnFocus = document.activeElement
    warning.hidden = false
    keepButton.focus()
  }

  keepButton.addEventListener('click', async () => {
    if (await keepAlive()) hide()
  })

  for (const type of ['input', 'keydown', 'pointerdown', 'change']) {
    document.addEventListener(type, (event) => {
      if (!warning.contains(event.target)) lastActivity = Date.now()
    }, { capture: true, passive: true })
  }

  // Phones pause timers in background tabs: check again on coming back.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible') return
    if (Date.now() > lastContact + limit + grace) close()
    else arm()
  })

  arm()
}
