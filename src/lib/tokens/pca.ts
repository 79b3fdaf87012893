// Principal components of a tokens x scorers matrix (column-centred), through the eigen-decomposition of
// the small scorers x scorers covariance matrix with cyclic Jacobi rotations. Signs are fixed so that each
// component's largest loading is positive: the output is deterministic.

export interface Pca {
  /** Eigenvalues (variances along the components), largest first. */
  variances: number[];
  /** Share of the total variance per component. */
  explained: number[];
  /** loadings[c][j]: weight of column j in component c (unit length). */
  loadings: number[][];
  /** Column means subtracted before projecting. */
  means: number[];
}

export function pca(columns: Float32Array[] | Float64Array[]): Pca {
  const m = columns.length;
  const n = columns[0]?.length ?? 0;
  const means = columns.map((c: ArrayLike<number>) => {
    let sum = 0;
    for (let t = 0; t < n; t++) sum += c[t];
    return sum / n;
  });
  const cov = Array.from({ length: m }, () => new Float64Array(m));
  for (let i = 0; i < m; i++) {
    for (let j = i; j < m; j++) {
      let s = 0;
      const a = columns[i];
      const b = columns[j];
      for (let t = 0; t < n; t++) s += (a[t] - means[i]) * (b[t] - means[j]);
      cov[i][j] = cov[j][i] = s / Math.max(1, n - 1);
    }
  }
  const { values, vectors } = jacobiEigen(cov);
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]);
  const total = values.reduce((a, b) => a + b, 0);
  const loadings = order.map(([, i]) => {
    const v = vectors.map((row) => row[i]);
    const big = v.reduce((best, x) => (Math.abs(x) > Math.abs(best) ? x : best), 0);
    return big < 0 ? v.map((x) => -x) : v;
  });
  return {
    variances: order.map(([v]) => v),
    explained: order.map(([v]) => (total > 0 ? v / total : 0)),
    loadings,
    means,
  };
}

/** Score of every row on component c. */
export function projectRows(columns: Float32Array[] | Float64Array[], result: Pca, c: number): Float64Array {
  const n = columns[0]?.length ?? 0;
  const out = new Float64Array(n);
  result.loadings[c].forEach((w, j) => {
    const col = columns[j];
    const mean = result.means[j];
    for (let t = 0; t < n; t++) out[t] += w * (col[t] - mean);
  });
  return out;
}

/** Eigenvalues and eigenvectors (as columns of `vectors`) of a symmetric matrix. */
export function jacobiEigen(matrix: Float64Array[]): { values: number[]; vectors: number[][] } {
  const m = matrix.length;
  const a = matrix.map((row) => Array.from(row));
  const v: number[][] = Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < m; p++) for (let q = p + 1; q < m; q++) off += a[p][q] ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < m; p++) {
      for (let q = p + 1; q < m; q++) {
        if (Math.abs(a[p][q]) < 1e-300) continue;
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < m; k++) {
          const akp = a[k][p];
          const akq = a[k][q];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < m; k++) {
          const apk = a[p][k];
          const aqk = a[q][k];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
        for (let k = 0; k < m; k++) {
          const vkp = v[k][p];
          const vkq = v[k][q];
          v[k][p] = c * vkp - s * vkq;
          v[k][q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: a.map((row, i) => row[i]), vectors: v };
}
