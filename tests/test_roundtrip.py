"""Hypothesis round trip: a random consistent report rendered as a portal page, with random
real-world noise, extracts back to exactly the cells it was made from."""
import random

from hypothesis import HealthCheck, given, settings, strategies as st

from audit.model.build import build_model
from audit.read import read_bytes
from reportgen import Noise, consistent_values, expected_tables, render_html, render_text

noises = st.builds(
    Noise,
    blank_zeros=st.booleans(), nbsp_zeros=st.booleans(), spaced_labels=st.booleans(),
    word_markup=st.booleans(), split_digits=st.booleans(), br_in_labels=st.booleans(),
    encoding=st.sampled_from(["utf-8", "gbk"]),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1), template=st.sampled_from(["2021", "2019"]), noise=noises)
def test_html_round_trip(seed, template, noise):
    report = consistent_values(random.Random(seed), template)
    model = build_model(read_bytes(render_html(report, noise), "html", "gen.html"))
    assert model.tables == expected_tables(report, noise)
    assert model.template == template
    assert [s.number for s in model.sections] == [1, 2, 3, 4, 5, 6]
    assert model.table_problems == []
    assert all(l.key is not None for l in model.labels)


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), template=st.sampled_from(["2021", "2019"]))
def test_text_round_trip(seed, template):
    report = consistent_values(random.Random(seed), template)
    model = build_model(read_bytes(render_text(report).encode(), "text", "gen.txt"))
    assert model.tables == expected_tables(report, Noise())
