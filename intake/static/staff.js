// Warn before the idle sign-out and let the person stay signed in (WCAG 2.2.1).
// Without JavaScript the page says how long the limit is, and nothing else changes.
const notice = document.getElementById('idle-notice')
if (notice) {
  const minutes = Number(notice.dataset.idleMinutes)
  const warnAfter = Math.max(minutes - 2, 1) * 60 * 1000
  const token = document.querySelector('input[name="csrf_token"]')
  let timer

  const warning = document.createElement('div')
  warning.className = 'govuk-notification-banner app-idle-warning'
  warning.setAttribute('role', 'alertdialog')
  warning.setAttribute('aria-labelledby', 'idle-warning-title')
  warning.hidden = true
  warning.innerHTML =
    '<div class="govuk-notification-banner__content">' +
    '<h2 class="govuk-notification-banner__heading" id="idle-warning-title">You will be signed out in 2 minutes</h2>' +
    '<p class="govuk-body">You have not done anything for a while. Your unsaved work will be lost.</p>' +
    '<button type="button" class="govuk-button" data-keep>Stay signed in</button></div>'
  notice.after(warning)

  const arm = () => {
    clearTimeout(timer)
    timer = setTimeout(() => {
      warning.hidden = false
      warning.querySelector('[data-keep]').focus()
    }, warnAfter)
  }

  warning.querySelector('[data-keep]').addEventListener('click', async () => {
    const body = new URLSearchParams({ csrf_token: token ? token.value : '' })
    const response = await fetch('/staff/keep-alive', {
      method: 'POST', body, headers: { Accept: 'application/json' }, credentials: 'same-origin'
    })
    if (response.ok) {
      warning.hidden = true
      arm()
    } else {
      window.location.assign('/staff/sign-in')
    }
  })
  arm()
}
