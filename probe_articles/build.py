"""Build <slug>.questions.json from <slug>.txt and <slug>.gold.json in a probe folder
(`python probe_articles/build.py probe_articles/ent22`) and check the rules
tests/data/validate_eval_data.py applies to entity names (each name occurs in the body, no
name listed twice) and to size (350-800 words, 12-25 paragraphs)."""
import json
import re
import sys
from pathlib import Path

HERE = Path(sys.argv[1])
bad = 0
for txt in sorted(HERE.glob("*.txt")):
    text = txt.read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1].strip()
    paras = body.split("\n\n")
    words = len(body.split())
    gold = json.loads(txt.with_suffix(".gold.json").read_text(encoding="utf-8"))
    seen = set()
    for kind, items in gold.items():
        for e in items:
            for n in [e["name"], *e["aliases"]]:
                if n not in body:
                    print(txt.stem, "NOT IN BODY", kind, n)
                    bad += 1
                if n in seen:
                    print(txt.stem, "TWICE", n)
                    bad += 1
                seen.add(n)
    if not (350 <= words <= 800 and 12 <= len(paras) <= 25):
        print(txt.stem, "SIZE", words, len(paras))
        bad += 1
    # one question: the second paragraph's first clause
    first = re.split(r"[,.]", paras[1])[0][:70].strip()
    q = {"article": txt.name, "split": "dev",
         "questions": [{"q": "what does the second paragraph say", "expected": first,
                        "paraphrased": False, "type": "what"}],
         "unanswerable": [], "entities": gold}
    txt.with_suffix(".questions.json").write_text(
        json.dumps(q, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(txt.stem, words, len(paras), {k: len(v) for k, v in gold.items()})
sys.exit(1 if bad else 0)
