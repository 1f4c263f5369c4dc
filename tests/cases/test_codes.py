"""Check-code hashing (intake/cases/codes.py): light enough for a Monday morning, and old
hashes keep working."""

from argon2 import PasswordHasher

from intake.cases import codes


def test_a_check_code_is_hashed_with_owasps_argon2id_settings_not_the_heavier_default():
    stored = codes.check_hash("apple banana cherry")
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert codes.check_matches(stored, "apple banana cherry")
    assert not codes.check_matches(stored, "apple banana grape")


def test_a_code_hashed_with_the_earlier_default_settings_still_matches():
    earlier = PasswordHasher().hash("apple banana cherry")  # 64 MiB, 3 passes, 4 lanes
    assert codes.check_matches(earlier, "apple banana cherry")
    assert not codes.check_matches(earlier, "apple banana grape")


def test_nothing_stored_never_matches():
    assert not codes.check_matches(None, "apple banana cherry")
