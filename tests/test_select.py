"""--select and --ignore on the command line, and "did you mean" for every typed choice."""

from conftest import write_template

MESSAGE = "Hi Priya!!! Just checking in on the CRM rollout.\n"


def test_select_and_ignore_narrow_check(cli):
    base = ["check", "--channel", "sms", "--locale", "en", "--format", "json", "-"]
    every = {f["rule"] for f in cli.json(*base[:-3], "-", input=MESSAGE)[1]["findings"]}
    assert {"exclamation-marks", "generic-phrase"} <= every
    selected = {f["rule"] for f in cli.json(*base[:-3], "--select", "exclamation-marks", "-", input=MESSAGE)[1]["findings"]}
    assert selected == {"exclamation-marks"}
    ignored = {f["rule"] for f in cli.json(*base[:-3], "--ignore", "exclamation-marks,generic-phrase", "-",
                                            input=MESSAGE)[1]["findings"]}
    assert not ignored & {"exclamation-marks", "generic-phrase"}


def test_lint_results_cached_without_select_are_not_reused_with_it(cli, pack, tmp_path):
    write_template(tmp_path, "en/sms/loud.txt.j2", "channel: sms\nstage: follow-up\npurpose: transactional\n"
                   "variables:\n  name: {required: true}\n  topic: {required: true}\nsample: {name: Priya, topic: CRM}\n",
                   "Hi {{ name }}!!! About {{ topic }}: the quote is attached.\n")
    write_template(tmp_path, "ko/sms/loud.txt.j2", "channel: sms\nstage: follow-up\npurpose: transactional\n"
                   "variables:\n  name: {required: true}\n  topic: {required: true}\nsample: {name: 김민수, topic: CRM}\n",
                   "{{ name }} 님, {{ topic }} 견적서를 보내 드렸습니다.\n")
    def rules(*args):
        _, data = cli.json("lint", ".", *args)
        return {f["rule"] for m in data["messages"] for f in m["findings"]}

    assert "exclamation-marks" in rules()
    assert "exclamation-marks" not in rules("--ignore", "exclamation-marks")
    assert "exclamation-marks" in rules()


def test_a_misspelt_rule_id_names_the_closest(cli):
    proc = cli("check", "--channel", "sms", "--locale", "en", "--select", "opt-oot", "-", input="hi\n")
    assert proc.returncode == 2
    assert "--select: unknown rule id 'opt-oot' (did you mean 'opt-out'?)" in proc.err


def test_a_misspelt_choice_names_the_closest(cli):
    proc = cli("check", "--channel", "smss", "--locale", "en", "-", input="hi\n")
    assert proc.returncode == 2 and "(did you mean 'sms'?)" in proc.err
    proc = cli("new", "x", "--channel", "sms", "--purpose", "advertsing")
    assert proc.returncode == 2 and "(did you mean 'advertising'?)" in proc.err
