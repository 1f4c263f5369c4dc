"""The core is pure: journey, engine, safeguarding detector, calendar and case builder never load Flask."""

import subprocess
import sys


def test_the_core_modules_load_without_flask():
    code = (
        "import sys\n"
        "import intake.journey, intake.eligibility, intake.safeguarding, intake.calendar, intake.cases.builder, intake.languages\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('flask', 'flask_wtf', 'flask_babel', 'werkzeug'))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
