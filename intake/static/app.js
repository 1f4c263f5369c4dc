// Scripts only enhance: every page works without them.
import { initAll } from './build/govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()
