"""Synthetic paper libraries for the benchmarks: `python bench/generate.py OUT --papers 10000`.

Every paper gets realistic field sizes (a 5-15 word title, 1-8 authors, a year, a venue,
ids, 0-3 topics from a hierarchy, tags, a status with dates) and 300-3,000 characters of
Markdown notes; a fifth of the notes are mostly Chinese. The text comes from the word
lists below, so a seed always gives the same library, byte for byte.

Files are written directly, in exactly the form `paperlog.frontmatter.render` gives
(`check_format` compares the two), because going through `Library.add` would look up
duplicates and update the index for every paper: far too slow for 100,000 of them.

Import it from the other benches: `from bench.generate import generate_library`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import sys
import time
import unicodedata
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

# -- word lists ----------------------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST_NAMES = _words(
    "Alice Bob Carlos Dana Elena Farid Grace Hiroshi Ingrid Jun Karim Lena Mateo Nadia "
    "Omar Priya Qing Rafael Sofia Tomás Uma Viktor Wei Xin Yara Zoë Kenji Amara Lukas "
    "Chloé Mehmet Ana Björn Siddharth Yuki Fatima Pierre Olga Hannah Jonas Mei Arjun "
    "Camille Diego Emma Felix Ioana Jakub Laila Minh Noor Pablo Rui Sven Tariq Yifan"
)
LAST_NAMES = _words(
    "Smith Chen Wang Li Zhang Liu Kumar Garcia Müller Rossi Kim Park Nguyen Singh "
    "Johnson Ivanova Dubois Tanaka Sato Novak Kowalski Hansen Larsen Silva Costa "
    "Fernández Okafor Haddad Cohen Schmidt Martin Bernard Yamamoto Zhou Huang Wu Xu "
    "Sun Ma Hu Guo Lin He Gao Luo Zheng Liang Song Tang Han Feng Deng Cao Peng Zeng "
    "Andersson Nilsson Jensen Petrov Popescu Horvat Yilmaz Demir Rahman Hossain Ali"
)
VENUES = (
    "NeurIPS", "ICML", "ICLR", "CVPR", "ICCV", "ECCV", "ACL", "EMNLP", "NAACL", "AAAI",
    "IJCAI", "KDD", "SIGMOD", "VLDB", "OSDI", "SOSP", "NSDI", "EuroSys", "SIGIR", "WWW",
    "TPAMI", "JMLR", "TACL", "Nature", "Science", "arXiv", "CoRL", "RSS", "ICRA", "COLT",
)
TOPICS = (
    "NLP/Transformers", "NLP/Language models", "NLP/Machine translation", "NLP/Retrieval",
    "Vision/Backbones", "Vision/Detection", "Vision/Segmentation", "Vision/Optical flow",
    "Vision/3D", "Vision/Video", "Vision/Self-supervised", "Generative/Diffusion",
    "Generative/GANs", "Generative/VAEs", "RL", "RL/Model-based", "RL/Offline",
    "Systems/Databases", "Systems/Distributed", "Systems/ML systems", "Theory",
    "Theory/Optimization", "Theory/Learning theory", "Graphs", "Robotics", "Speech",
)
TAGS = _words(
    "classic survey benchmark dataset attention transformer diffusion contrastive "
    "self-supervised efficiency scaling theory reproducibility open-source llm vit cnn "
    "gnn rl rlhf alignment retrieval compression quantization distillation multimodal "
    "video 3d robotics speech fairness privacy federated sparse moe optimizer"
)
TITLE_HEADS = _words(
    "Attention Diffusion Contrastive Sparse Scalable Efficient Robust Neural Latent "
    "Graph Recurrent Hierarchical Adaptive Implicit Masked Federated Causal Probabilistic "
    "Differentiable Unsupervised Self-Supervised Multimodal Generative Bayesian Deep"
)
TITLE_WORDS = _words(
    "learning representations models networks transformers attention diffusion "
    "optimization inference training retrieval generation segmentation detection "
    "estimation flow language vision images video graphs policies rewards agents "
    "memory compression distillation scaling laws tokens embeddings features kernels "
    "gradients sampling priors posteriors uncertainty calibration reasoning planning "
    "control robots speech translation summarization queries indexes transactions "
    "consensus storage caching scheduling clusters benchmarks data sets supervision "
    "pretraining fine-tuning adapters prompts alignment preferences objects scenes "
    "depth motion correspondence matching contrastive masked autoencoders priors"
)
TITLE_GLUE = _words("for with via of in on and through from beyond without under towards")
#: Words every note uses.
EN_COMMON = _words(
    "the a an of and is are with to in on for that but we this it by from than as at "
    "not more also which their these our only when so very some most into while"
)
#: Research words: each paper uses a handful, so each is in roughly a quarter of the notes.
EN_GENERAL = _words(
    "model method results paper training data learning performance baseline experiments "
    "approach evaluation task dataset accuracy loss network architecture benchmark "
    "ablation authors improvement analysis setting framework objective efficient simple"
)
#: Technical terms: each paper draws its own few dozen, so each is in a few percent.
EN_TERMS = _words(
    "attention transformer tokens embedding encoder decoder residual normalization "
    "projection contrastive negatives augmentation diffusion sampling denoising solver "
    "score guidance latent autoencoder variational posterior prior likelihood elbo "
    "adversarial discriminator generator graph nodes edges message passing retrieval "
    "passages index reranking generation decoding beam optimizer adam warmup cosine "
    "momentum gradient variance bias batch stability curvature hessian convergence "
    "policy value reward agent environment exploration replay bootstrapping critic actor "
    "planning rollout database transaction compaction amplification merge tree log "
    "consensus leader replication quorum partition latency throughput cache scheduler "
    "kernel gpu memory bandwidth quantization pruning distillation sparse mixture experts "
    "routing optical flow correlation refinement stereo depth pose scene radiance field "
    "rendering volume mesh point cloud segmentation mask detection anchor proposal box "
    "tracking video temporal frame speech audio spectrogram translation summarization "
    "reasoning chain prompt instruction alignment preference feedback calibration "
    "uncertainty robustness shift fairness privacy federated clients scaling laws compute "
    "parameters capacity overfitting regularization dropout weight decay convolution "
    "pooling stride receptive hierarchy patch vision language multimodal caption image"
)
_SYLLABLES = _words("ka ro ne ti vo la mi su de fa po zen tor lex qui bra flo gan mar vis")
EN_PHRASES = (
    "I am not convinced by the baseline numbers.",
    "Worth trying on our data set.",
    "The appendix has the important details.",
    "Compare with the previous paper from the same group.",
    "Code is available and easy to run.",
    "The main table mixes different compute budgets.",
    "Reading group discussion was useful here.",
)
ZH_WORDS = _words(
    "模型 训练 注意 注意力 机制 数据 方法 实验 结果 网络 特征 损失 函数 优化 推理 检索 "
    "表示 生成 扩散 采样 梯度 参数 预训练 微调 对比 学习 编码器 解码器 图像 视频 文本 "
    "语言 任务 基准 效果 性能 效率 复杂度 论文 作者 提出 改进 问题 假设 证明 收敛 "
    "稳定 噪声 分布 概率 策略 奖励 环境 智能体 数据库 索引 事务 一致性 存储 日志 "
    "压缩 蒸馏 量化 稀疏 层次 结构 视觉 多模态 对齐 偏好 人类 反馈"
)
ZH_GLUE = _words("的 是 在 和 与 对 把 被 通过 使用 可以 没有 比较 非常 主要 因为 所以 但是 而且")
ZH_ENDINGS = ("。", "。", "。", "，", "；", "？")
HEADINGS_EN = (
    "## Summary", "## Key ideas", "## Method", "## Results", "## Critique", "## Questions"
)
HEADINGS_ZH = ("## 总结", "## 关键点", "## 方法", "## 实验结果", "## 评价", "## 疑问")
FORMULAS = (
    r"$$\mathcal{L} = -\sum_i \log p_\theta(x_i \mid x_{<i})$$",
    r"$$\operatorname{softmax}(QK^\top / \sqrt{d_k})\, V$$",
    r"$$\mathbb{E}_{q(z \mid x)}[\log p(x \mid z)] - D_{KL}(q(z \mid x) \,\|\, p(z))$$",
    r"The update is $\theta \leftarrow \theta - \eta \nabla_\theta \mathcal{L}$.",
)

STATUSES = (("read", 45), ("to-read", 35), ("reading", 10), ("dropped", 5), (None, 5))
_STATUS_NAMES = [status for status, _ in STATUSES]
_STATUS_WEIGHTS = [weight for _, weight in STATUSES]
_YEARS = list(range(1990, 2027))
_YEAR_WEIGHTS = [1 + max(0, year - 2005) ** 2 for year in _YEARS]
_EPOCH = dt.date(2019, 1, 1)
_SPAN_DAYS = (dt.date(2026, 11, 1) - _EPOCH).days

# -- YAML, written the way paperlog.frontmatter.render writes it -----------------------

_PLAIN_UNSAFE = re.compile(r"^[\s\-?:,\[\]{}#&*!|>'\"%@`]|: |\s#|:$|\s$")
_LOOKS_TYPED = re.compile(
    r"^(?:[-+]?(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][-+]?\d+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
    r"|~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|no|No|on|On|off|Off"
    r"|\d{4}-\d\d?-\d\d?(?:[Tt ].*)?|0x[0-9a-fA-F]+|0o[0-7]+)$"
)


def _scalar(value: str, *, flow: bool = False) -> str:
    if (
        not value
        or _PLAIN_UNSAFE.search(value)
        or _LOOKS_TYPED.match(value)
        or (flow and any(c in value for c in ",[]{}"))
    ):
        return "'" + value.replace("'", "''") + "'"
    return value


def _list(key: str, items: list[str]) -> str:
    if sum(len(item) for item in items) <= 60:
        return f"{key}: [{', '.join(_scalar(i, flow=True) for i in items)}]\n"
    return f"{key}:\n" + "".join(f"  - {_scalar(i)}\n" for i in items)


def render_fields(fields: dict[str, Any]) -> str:
    """Front matter in `frontmatter.render`'s style, for the value types made here."""
    out = []
    for key, value in fields.items():
        if isinstance(value, list):
            out.append(_list(key, value))
        elif isinstance(value, dict):
            pairs = ", ".join(f"{k}: {_scalar(v, flow=True)}" for k, v in value.items())
            out.append(f"{key}: {{{pairs}}}\n")
        elif isinstance(value, str):
            out.append(f"{key}: {_scalar(value)}\n")
        else:
            out.append(f"{key}: {value}\n")
    return "".join(out)


def render_paper(fields: dict[str, Any], notes: str) -> str:
    body = "\n" + notes if notes else ""
    return f"---\n{render_fields(fields)}---\n{body}"


# -- papers --------------------------------------------------------------------------


def _title(rng: random.Random) -> str:
    length = rng.randint(5, 15)
    nouns = iter(rng.sample(TITLE_WORDS, length))
    words = [rng.choice(TITLE_HEADS)]
    while len(words) < length:
        glue = rng.random() < 0.25 and words[-1] not in TITLE_GLUE and len(words) < length - 1
        words.append(rng.choice(TITLE_GLUE) if glue else next(nouns))
    if rng.random() < 0.3 and length >= 7:
        # "Name: what it does", as many titles are
        name = "".join(rng.choice(TITLE_WORDS)[:3].capitalize() for _ in range(2))
        return f"{name}: " + " ".join(words[:-1]).capitalize()
    return " ".join(words).capitalize()


class _Vocabulary:
    """The words one paper's notes are written with: common words plus its own terms.

    A word's frequency is set by how often it is repeated in the population, so that one
    unweighted `choices` call makes a sentence: that keeps 100,000 papers fast to make.
    """

    def __init__(self, rng: random.Random, chinese: bool) -> None:
        self.terms = rng.sample(EN_TERMS, 24)
        if chinese:
            self.words = rng.sample(ZH_WORDS, 14) * 2 + list(ZH_GLUE)
        else:
            names = ["".join(rng.choices(_SYLLABLES, k=3)).capitalize() for _ in range(2)]
            self.words = list(EN_COMMON) + rng.sample(EN_GENERAL, 6) * 3 + self.terms * 2 + names

    def sentence_en(self, rng: random.Random) -> str:
        words = rng.choices(self.words, k=8 + int(rng.random() * 15))
        return " ".join(words).capitalize() + "."

    def sentence_zh(self, rng: random.Random) -> str:
        parts = rng.choices(self.words, k=5 + int(rng.random() * 12))
        if rng.random() < 0.3:  # Chinese notes keep Latin terms
            parts.insert(int(rng.random() * len(parts)), f" {self.terms[0]} ")
        return "".join(parts) + ZH_ENDINGS[int(rng.random() * len(ZH_ENDINGS))]


def _notes(rng: random.Random, chinese: bool) -> str:
    target = int(rng.triangular(300, 3000, 900))
    headings = HEADINGS_ZH if chinese else HEADINGS_EN
    vocabulary = _Vocabulary(rng, chinese)
    sentence = vocabulary.sentence_zh if chinese else vocabulary.sentence_en
    chunks: list[str] = []
    size = 0
    section = 0
    while size < target:
        after_heading = bool(chunks) and chunks[-1].startswith("## ")
        if section < len(headings) and not after_heading and (not chunks or rng.random() < 0.3):
            block = headings[section]
            section += 1
        else:
            roll = rng.random()
            if roll < 0.35:
                block = "\n".join(f"- {sentence(rng)}" for _ in range(rng.randint(2, 5)))
            elif roll < 0.45:
                block = rng.choice(FORMULAS)
            elif roll < 0.55:
                marker = "[想法]" if chinese and rng.random() < 0.5 else "[idea]"
                block = f"{marker} {sentence(rng)}"
            elif roll < 0.6:
                block = rng.choice(EN_PHRASES)
            else:
                block = " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))
        chunks.append(block)
        size += len(block) + 2
    return "\n\n".join(chunks) + "\n"


def _slug(year: int, surname: str, title: str) -> str:
    words = re.findall(r"[a-z0-9]+", title.lower())[:8]
    folded = unicodedata.normalize("NFKD", surname).encode("ascii", "ignore").decode()
    surname = re.sub(r"[^a-z]", "", folded.lower()) or "anon"
    return "-".join([str(year), surname, *words])


def make_paper(rng: random.Random) -> tuple[dict[str, Any], str, str]:
    """(front-matter fields, notes, slug) of one random paper."""
    year = rng.choices(_YEARS, _YEAR_WEIGHTS)[0]
    authors = [
        f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" for _ in range(rng.randint(1, 8))
    ]
    title = _title(rng)
    fields: dict[str, Any] = {"title": title, "authors": authors, "year": year}
    if rng.random() < 0.9:
        fields["venue"] = rng.choice(VENUES)
    ids: dict[str, str] = {}
    if year >= 2008 and rng.random() < 0.6:
        ids["arxiv"] = f"{year % 100:02d}{rng.randint(1, 12):02d}.{rng.randint(1, 19999):05d}"
    if rng.random() < 0.35:
        ids["doi"] = f"10.{rng.randint(1000, 9999)}/{rng.choice(TITLE_WORDS)}.{rng.randint(1, 99999)}"
    if ids:
        fields["ids"] = ids
    status = rng.choices(_STATUS_NAMES, _STATUS_WEIGHTS)[0]
    if status is not None:
        fields["status"] = status
    added = _EPOCH + dt.timedelta(days=rng.randrange(_SPAN_DAYS))
    fields["added"] = added
    if status == "read":
        fields["read_on"] = min(added + dt.timedelta(days=rng.randint(0, 120)), dt.date(2026, 11, 20))
    topics = rng.sample(TOPICS, rng.choices((0, 1, 2, 3), (10, 50, 30, 10))[0])
    if topics:
        fields["topics"] = topics
    tags = rng.sample(TAGS, rng.randint(0, 5))
    if tags:
        fields["tags"] = tags
    if status == "read" and rng.random() < 0.5:
        fields["rating"] = rng.randint(1, 5)
    chinese = rng.random() < 0.2
    empty = status == "to-read" and rng.random() < 0.2
    notes = "" if empty else _notes(rng, chinese)
    return fields, notes, _slug(year, authors[0].split()[-1], title)


_CHUNK = 2000


def _chunk(seed: int, number: int, count: int) -> list[tuple[str, str]]:
    """(key, text) of `count` papers; chunk `number` has its own seed, so chunks can be
    made in any order, or in parallel, and still give the same papers."""
    rng = random.Random(f"{seed}:{number}")
    out = []
    for _ in range(count):
        fields, notes, key = make_paper(rng)
        out.append((key, render_paper(fields, notes)))
    return out


def _chunks(papers: int, seed: int) -> list[tuple[int, int, int]]:
    return [(seed, n, min(_CHUNK, papers - start)) for n, start in enumerate(range(0, papers, _CHUNK))]


def _unique(pairs: Iterable[tuple[str, str]], seen: set[str]) -> Iterator[tuple[str, str]]:
    for key, text in pairs:
        base, number = key, 1
        while key in seen:
            number += 1
            key = f"{base}-{number}"
        seen.add(key)
        yield key, text


def iter_papers(count: int, seed: int = 0) -> Iterator[tuple[str, str]]:
    """(key, file text) for `count` papers; keys are unique slugs."""
    seen: set[str] = set()
    for args in _chunks(count, seed):
        yield from _unique(_chunk(*args), seen)


def generate_library(
    root: Path, papers: int, *, seed: int = 0, name: str | None = None, jobs: int = 1
) -> Path:
    """Write a library of `papers` synthetic papers at `root` (which must not hold one yet).

    `jobs` > 1 makes the papers in that many processes; the result is the same.
    """
    root = Path(root)
    folder = root / "papers"
    config = root / "paperlog.toml"
    if config.exists():
        raise FileExistsError(f"{config} exists: generate into a new folder")
    folder.mkdir(parents=True, exist_ok=True)
    config.write_text(f'[library]\nname = "{name or f"Synthetic {papers} papers"}"\n', "utf-8")
    (root / ".gitignore").write_text(".paperlog/\n", "utf-8")
    chunks = _chunks(papers, seed)
    seen: set[str] = set()
    if jobs > 1 and len(chunks) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            made: Iterable[list[tuple[str, str]]] = pool.map(_chunk, *zip(*chunks, strict=True))
            _write(folder, (pair for chunk in made for pair in _unique(chunk, seen)))
    else:
        _write(folder, (pair for args in chunks for pair in _unique(_chunk(*args), seen)))
    return root


def _write(folder: Path, pairs: Iterable[tuple[str, str]]) -> None:
    for key, text in pairs:
        with open(folder / f"{key}.md", "w", encoding="utf-8", newline="") as handle:
            handle.write(text)


def check_format(count: int = 500, seed: int = 0) -> list[str]:
    """Keys of generated papers whose text differs from what paperlog itself would write."""
    from paperlog import frontmatter

    rng = random.Random(seed)
    different = []
    for _ in range(count):
        fields, notes, key = make_paper(rng)
        if render_paper(fields, notes) != frontmatter.render(fields, notes):
            different.append(key)
    return different


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to create the library in")
    parser.add_argument("--papers", type=int, default=1000, help="how many papers (default 1000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="processes (default: one per CPU)"
    )
    parser.add_argument(
        "--check", action="store_true", help="also check the format against frontmatter.render"
    )
    args = parser.parse_args(argv)
    if args.check:
        bad = check_format(seed=args.seed)
        if bad:
            print(f"{len(bad)} papers differ from frontmatter.render, e.g. {bad[0]}", file=sys.stderr)
            return 1
        print("format check: 500 papers identical to frontmatter.render")
    start = time.perf_counter()
    generate_library(args.out, args.papers, seed=args.seed, jobs=args.jobs)
    print(f"wrote {args.papers} papers to {args.out} in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
