"""Section plugins: per-parser use(), entry-point discovery, contract errors.

The other kinds, and what all kinds share, are tested in ``test_plugin_kinds.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from govreport import Parser, PluginError
from govreport.errors import DuplicateNameError
from govreport.plugins import SECTION_KIND
from tests.plugins.consultation_example import ConsultationSection
from tests.plugins.installing import installed_distribution

OLD_REPORT = """2016年某镇人民政府政府信息公开工作年度报告
一、概述
本镇政府信息公开工作稳步推进。
二、咨询处理情况
全年累计接受群众咨询321次。其中咨询电话接听90次；当面咨询接待231次；网上咨询0次。
三、存在问题及改进措施
信息公开的及时性有待提高，下一步将加强培训。
"""


def test_use_adds_a_plugin_to_one_parser_only():
    parser = Parser().use(ConsultationSection())
    report = parser.parse(OLD_REPORT)
    section = report.section("consultation_detail")
    assert section is not None and section.plugin == "example.consultation"
    assert [(s.key, s.value) for s in section.stats] == [
        ("consultation.total", 321),
        ("consultation.phone", 90),
        ("consultation.in_person", 231),
        ("consultation.online", 0),
    ]
    assert section.stats[1].location.line == 5
    assert Parser().parse(OLD_REPORT).section("consultation_detail") is None
    assert any(p.name == "example.consultation" for p in report.plugins)


def test_duplicate_name_needs_replace():
    parser = Parser().use(ConsultationSection())
    with pytest.raises(DuplicateNameError):
        parser.use(ConsultationSection())
    parser.use(ConsultationSection(), replace=True)


def test_wrong_api_version_is_refused_with_the_plugin_named():
    plugin = ConsultationSection()
    plugin.api_version = 99  # type: ignore[misc]
    with pytest.raises(PluginError, match=r"example\.consultation.*API version 99"):
        Parser().use(plugin)


def test_objects_without_the_contract_are_refused():
    with pytest.raises(PluginError, match="not a govreport plugin"):
        Parser().use(object())


def test_plugin_failure_names_the_plugin():
    class Broken:
        name = "example.broken"
        api_version = ConsultationSection.api_version

        def extract(self, ctx):
            raise RuntimeError("boom")

    with pytest.raises(PluginError, match=r"example\.broken.*boom"):
        Parser().use(Broken()).parse(OLD_REPORT)


@pytest.fixture
def installed_plugin(tmp_path: Path):
    """A distribution on sys.path that publishes the example plugin through the entry-point group."""
    targets = {SECTION_KIND.group: {"consultation": "tests.plugins.consultation_example:PLUGIN"}}
    with installed_distribution(tmp_path, "govreport-consultation-example", "1.2", targets):
        yield


def test_entry_point_plugins_are_discovered_with_provenance(installed_plugin):
    report = Parser().parse(OLD_REPORT)
    assert report.section("consultation_detail") is not None
    info = next(p for p in report.plugins if p.name == "example.consultation")
    assert (info.distribution, info.version) == ("govreport-consultation-example", "1.2")
