"""Validate X12 files with pyx12 in one process; print one JSON report per file on stdout.

Usage: <python with pyx12> scripts/pyx12-validate.py FILE...
Each report: {"file", "valid", "errors": [{"where", "segment", "line", "element", "code", "message"}]}.
Errors are pyx12's own findings (envelope, segment, element), or its refusal to read the file
(no implementation-guide map for the version, not X12, an engine error).
"""

import io
import json
import logging
import sys

import pyx12.params
import pyx12.x12n_document


def errors_of(doc):
    """Flatten pyx12's JSON error tree (interchange, group, transaction, segment, element)."""
    out = []
    for isa in doc.get("interchanges", []):
        for e in isa.get("errors", []):
            out.append({"where": "ISA", "segment": "ISA", "line": isa.get("cur_line"), "element": "", "code": e["err_cde"], "message": e["err_str"]})
        for gs in isa.get("groups", []):
            for e in gs.get("errors", []):
                out.append({"where": "GS", "segment": "GS", "line": gs.get("cur_line"), "element": "", "code": e["err_cde"], "message": e["err_str"]})
            for st in gs.get("transactions", []):
                for e in st.get("errors", []):
                    out.append({"where": "ST", "segment": "ST", "line": st.get("cur_line"), "element": "", "code": e["err_cde"], "message": e["err_str"]})
                for seg in st.get("segments", []):
                    where = seg.get("ls_id") or ""
                    for e in seg.get("errors", []):
                        out.append({"where": where, "segment": seg["seg_id"], "line": seg.get("cur_line"), "element": "", "code": e["err_cde"], "message": e["err_str"]})
                    for ele in seg.get("elements", []):
                        ref = "%s%02d" % (seg["seg_id"], ele["ele_pos"] or 0)
                        if ele.get("subele_pos"):
                            ref += "-%d" % ele["subele_pos"]
                        for e in ele.get("errors", []):
                            out.append({"where": where, "segment": seg["seg_id"], "line": seg.get("cur_line"), "element": ref, "code": e["err_cde"], "message": e["err_str"]})
    return out


class Collect(logging.Handler):
    """pyx12 logs every finding, and some refusals (e.g. a file it cannot read) only there."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def validate(path, param, collect):
    collect.messages = []
    fd_json = io.StringIO()
    try:
        valid = pyx12.x12n_document.x12n_document(param=param, src_file=path, fd_997=None, fd_html=None, fd_json=fd_json)
    except Exception as exc:  # an engine error (e.g. no map for the version) is a failed validation
        return {"file": path, "valid": False, "errors": [{"where": "", "segment": "", "line": 0, "element": "", "code": "ENGINE", "message": "%s: %s" % (type(exc).__name__, exc)}]}
    text = fd_json.getvalue()
    errors = errors_of(json.loads(text)) if text else []
    if not valid and not errors:
        # Refused without a structured finding: what it logged is the reason.
        messages = collect.messages or ["pyx12 reports the file invalid"]
        errors = [{"where": "", "segment": "", "line": 0, "element": "", "code": "LOG", "message": m} for m in messages]
    return {"file": path, "valid": bool(valid) and not errors, "errors": errors}


def main(paths):
    logger = logging.getLogger("pyx12")
    logger.propagate = False
    collect = Collect()
    logger.addHandler(collect)
    logger.setLevel(logging.ERROR)
    param = pyx12.params.params()
    reports = [validate(p, param, collect) for p in paths]
    json.dump({"pyx12": pyx12.__version__, "reports": reports}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
