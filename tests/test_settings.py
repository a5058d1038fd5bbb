"""Settings read from the environment reach the stages that use them."""

from __future__ import annotations

from pathlib import Path

from escalada.settings import Settings, load_settings


def test_defaults_without_environment():
    assert load_settings({}) == Settings()


def test_environment_overrides():
    settings = load_settings({"ESCALADA_ENCODER_FOR_PAIRS": "yes",
                              "ESCALADA_ALLOW_PRIVATE": "0",
                              "ESCALADA_ACTOR_FILES": "a.yaml"})
    assert settings.encoder_for_pairs is True
    assert settings.allow_private_addresses is False
    assert settings.actor_files == (Path("a.yaml"),)
    assert load_settings({"ESCALADA_ENCODER_FOR_PAIRS": "off"}).encoder_for_pairs is False


def test_the_coder_takes_its_pair_policy_from_the_settings(nlp):
    from escalada.pipeline import EventCoder

    assert EventCoder(Settings(encoder_for_pairs=True)).pair_policy.encoder_for_pairs
    assert not EventCoder(Settings()).pair_policy.encoder_for_pairs
