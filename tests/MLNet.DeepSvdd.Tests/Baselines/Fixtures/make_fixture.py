#!/usr/bin/env python3
"""Makes the scikit-learn reference fixture of the baseline tests (MLNet.DeepSvdd.Baselines).

Not run by CI; the files it writes are committed. Reproduce with Debian 12's packages:
    apt-get install -y python3-sklearn python3-numpy
    /usr/bin/python3 make_fixture.py          # in this directory

Data (seed 2026), 8 features, float32 (what an ML.NET Single column holds; both libraries see exactly these values):
  normal rows: a mixture of two correlated Gaussians; anomalies: a broad Gaussian around the data (they overlap the normal rows).
  train.csv  300 rows (285 normal, 15 anomalies, shuffled; unlabeled)
  test.csv   200 rows (160 normal, 40 anomalies), column "label" 1 = anomaly
Reference outputs on the test rows (sklearn_scores.csv):
  if_score          IsolationForest(n_estimators=100, max_samples="auto", contamination=0.1, random_state=0): -score_samples
  ocsvm_a_decision  OneClassSVM(kernel="rbf", nu=0.1, gamma="scale", tol=1e-3): decision_function
  ocsvm_b_decision  OneClassSVM(kernel="rbf", nu=0.5, gamma=0.05, tol=1e-3): decision_function
Parameters and summary numbers: sklearn_reference.json.
"""
import json

import numpy as np
import sklearn
from sklearn.ensemble import IsolationForest
from sklearn.metrics import roc_auc_score
from sklearn.svm import OneClassSVM

D = 8
rng = np.random.default_rng(2026)
mix_a = rng.normal(size=(D, D)) * 0.5
mix_b = rng.normal(size=(D, D)) * 0.4
center_b = np.full(D, 2.5)


def normal_rows(n):
    which = rng.random(n) < 0.6
    z = rng.normal(size=(n, D))
    return np.where(which[:, None], z @ mix_a, z @ mix_b + center_b)


def anomaly_rows(n):
    return rng.normal(size=(n, D)) * 3.0 + center_b / 2


def as_float32(x):
    # Round to 4 decimals first so the CSV stays small; the float32 values are what both sides use.
    return np.round(x, 4).astype(np.float32)


train = as_float32(np.vstack([normal_rows(285), anomaly_rows(15)]))
train = train[rng.permutation(len(train))]
test = as_float32(np.vstack([normal_rows(160), anomaly_rows(40)]))
test_label = np.array([0] * 160 + [1] * 40)
order = rng.permutation(len(test))
test, test_label = test[order], test_label[order]


def fmt(v):
    # Shortest text that reads back as the same float32.
    return np.format_float_positional(np.float32(v), unique=True, trim="-")


with open("train.csv", "w") as f:
    f.write(",".join(f"f{j}" for j in range(D)) + "\n")
    for row in train:
        f.write(",".join(fmt(v) for v in row) + "\n")
with open("test.csv", "w") as f:
    f.write("label," + ",".join(f"f{j}" for j in range(D)) + "\n")
    for label, row in zip(test_label, test):
        f.write(f"{label}," + ",".join(fmt(v) for v in row) + "\n")

x_train = train.astype(np.float64)
x_test = test.astype(np.float64)

forest = IsolationForest(n_estimators=100, max_samples="auto", contamination=0.1, random_state=0).fit(x_train)
if_score = -forest.score_samples(x_test)

svm_a = OneClassSVM(kernel="rbf", nu=0.1, gamma="scale", tol=1e-3).fit(x_train)
svm_b = OneClassSVM(kernel="rbf", nu=0.5, gamma=0.05, tol=1e-3).fit(x_train)
dec_a = svm_a.decision_function(x_test)
dec_b = svm_b.decision_function(x_test)

with open("sklearn_scores.csv", "w") as f:
    f.write("if_score,ocsvm_a_decision,ocsvm_b_decision\n")
    for a, b, c in zip(if_score, dec_a, dec_b):
        f.write(f"{a:.17g},{b:.17g},{c:.17g}\n")


def svm_summary(model, nu):
    return {
        "nu": nu,
        "gamma": float(model._gamma),
        "rho": float(model.offset_[0]),
        "n_support": int(model.support_.size),
        "dual_coef_sum": float(model.dual_coef_.sum()),
        "train_fraction_outside": float(np.mean(model.decision_function(x_train) < 0)),
        "test_auc": float(roc_auc_score(test_label, -model.decision_function(x_test))),
    }


reference = {
    "sklearn": sklearn.__version__,
    "numpy": np.__version__,
    "isolation_forest": {
        "n_estimators": 100,
        "max_samples": int(forest.max_samples_),
        "threshold": float(-forest.offset_),
        "test_auc": float(roc_auc_score(test_label, if_score)),
    },
    "ocsvm_a": svm_summary(svm_a, 0.1),
    "ocsvm_b": svm_summary(svm_b, 0.5),
}
with open("sklearn_reference.json", "w") as f:
    json.dump(reference, f, indent=2)
    f.write("\n")
print(json.dumps(reference, indent=2))
