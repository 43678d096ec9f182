#!/usr/bin/env python3
"""HMRC RTI checks for the filing tests (tests/filings/run.sh).

    rti.py wrap BODY.xml OUT.xml CLASS
        Puts an IRenvelope body (what authority-report writes) into a
        GovTalk envelope as the sending software would: message class
        CLASS (HMRC-PAYE-RTI-FPS, HMRC-PAYE-RTI-EPS), the GovTalkDetails
        keys copied from the body's IRheader keys.  HMRC's business rules
        are written against the whole message (their contexts start at
        /GovTalkMessage/Body/IRenvelope), so they can only be run on it.

    rti.py rules XSLT MESSAGE.xml [--expect-failure]
        Runs HMRC's compiled business rules (XSLT 1.0) with xsltproc and
        lists every err:Error of the error response.  Exit 0 when there is
        none (or, with --expect-failure, when there is at least one: the
        negative control that shows the check can fail).

Prints TAP lines "ok - ..." / "not ok - ..." (run.sh numbers them).
"""
import subprocess
import sys
import xml.etree.ElementTree as ET

HD = "http://www.govtalk.gov.uk/CM/envelope"
ERR = "http://www.govtalk.gov.uk/CM/errorresponse"


def say(ok, what):
    print(("ok - " if ok else "not ok - ") + what)
    return ok


def wrap(body, out, cls):
    ir = ET.parse(body).getroot()
    keys = []
    for k in ir.iter():
        if k.tag.endswith("}Key") and k.get("Type"):
            keys.append((k.get("Type"), (k.text or "").strip()))
    text = open(body, encoding="utf-8").read()
    if text.startswith("<?xml"):
        text = text[text.index("?>") + 2:].lstrip()
    keyxml = "".join('<Key Type="%s">%s</Key>' % kv for kv in keys)
    msg = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<GovTalkMessage xmlns="%s">\n'
        '<EnvelopeVersion>2.0</EnvelopeVersion>\n'
        '<Header><MessageDetails><Class>%s</Class>'
        '<Qualifier>request</Qualifier><Function>submit</Function>'
        '<CorrelationID></CorrelationID><Transformation>XML'
        '</Transformation><GatewayTest>1</GatewayTest></MessageDetails>'
        '<SenderDetails><IDAuthentication><SenderID>TESTSENDER'
        '</SenderID><Authentication><Method>clear</Method>'
        '<Role>principal</Role><Value>testing</Value></Authentication>'
        '</IDAuthentication></SenderDetails></Header>\n'
        '<GovTalkDetails><Keys>%s</Keys><ChannelRouting><Channel>'
        '<URI>0000</URI><Product>payroll</Product><Version>1</Version>'
        '</Channel></ChannelRouting></GovTalkDetails>\n'
        '<Body>\n%s</Body>\n</GovTalkMessage>\n' % (HD, cls, keyxml, text))
    with open(out, "w", encoding="utf-8") as f:
        f.write(msg)


def rules(xslt, msg, expect_failure):
    p = subprocess.run(["xsltproc", xslt, msg], capture_output=True,
                       text=True)
    if p.returncode != 0:
        say(False, "xsltproc ran HMRC's business rules on %s (status %d: "
            "%s)" % (msg, p.returncode, p.stderr.strip()[:200]))
        return 1
    root = ET.fromstring(p.stdout)
    if root.tag != "{%s}ErrorResponse" % ERR:
        say(False, "the business rules answered with an error response "
            "(got %s)" % root.tag)
        return 1
    errs = root.findall("{%s}Error" % ERR)
    for e in errs:
        print("# %serror %s: %s at %s" % (
            "(expected) " if expect_failure else "",
            e.findtext("{%s}Number" % ERR),
            " ".join((e.findtext("{%s}Text" % ERR) or "").split()),
            e.findtext("{%s}Location" % ERR)))
    if expect_failure:
        ok = say(len(errs) > 0, "HMRC's business rules reject %s (%d "
                 "error(s)): the check can fail" % (msg, len(errs)))
    else:
        ok = say(len(errs) == 0, "HMRC's business rules pass %s (%d "
                 "error(s))" % (msg, len(errs)))
    return 0 if ok else 1


def main(a):
    if len(a) == 4 and a[0] == "wrap":
        wrap(a[1], a[2], a[3])
        return 0
    if len(a) in (3, 4) and a[0] == "rules":
        return rules(a[1], a[2], len(a) == 4 and a[3] == "--expect-failure")
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
