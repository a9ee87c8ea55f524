// The scale corpus: ≥ 100k *distinct* chunks of real code, from pinned npm package sources fetched at
// bench time (data, never dependencies; none of the held-out, docstring-benchmark or dev-model packages).
// One build of each package is taken (ESM or CJS, never both), so the chunks do not repeat each other.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fetchSource, type NpmSource } from '../lib/sources';
import { sampleStable } from '../lib/hash';
import { ensureDir, rmrf } from '../lib/paths';
import { corpusPath, listPackageFiles } from '../quality/packages';
import type { CorpusFile } from './corpus';

interface ScalePackage {
  pin: NpmSource;
  include: (rel: string) => boolean;
}

const js = (rel: string): boolean => /\.(js|mjs|cjs|ts)$/.test(rel) && !/\.min\.js$/.test(rel);
const under = (rel: string, dir: string): boolean => rel.startsWith(dir + '/');
const pkg = (spec: string, integrity: string, include: (rel: string) => boolean): ScalePackage => {
  const at = spec.lastIndexOf('@');
  return { pin: { type: 'npm', package: spec.slice(0, at), version: spec.slice(at + 1), integrity }, include };
};

export const SCALE_PACKAGES: ScalePackage[] = [
  pkg('monaco-editor@0.52.0', 'sha512-OeWhNpABLCeTqubfqLMXGsqf6OmPU6pHM85kF3dhy6kq5hnhuVS1p3VrEW/XhWHc71P2tHyS5JFySD8mgs1crw==', (r) => under(r, 'esm/vs') && js(r)),
  pkg('echarts@5.5.1', 'sha512-Fce8upazaAXUVUVsjgV6mBnGuqgO+JNDlcgF79Dksy4+wgGpQB2lmYoO4TSweFg/mZITdpGHomw/cNBJZj1icA==', (r) => under(r, 'lib') && js(r)),
  pkg('webpack@5.97.1', 'sha512-EksG6gFY3L1eFMROS/7Wzgrii5mBAFe4rIr3r2BTfo7bcc+DWwFZ4OJ/miOuHJO/A85HwyI4eQ0F6IKXesO7Fg==', (r) => (under(r, 'lib') && js(r)) || r === 'types.d.ts'),
  pkg('typeorm@0.3.20', 'sha512-sJ0T08dV5eoZroaq9uPKBoNcGslHBR4E4y+EBHs//SiGbblGe7IeduP/IH4ddCcj0qp3PHwDwGnuvqEAnKlq/Q==', (r) => !under(r, 'browser') && r.endsWith('.js')),
  pkg('playwright-core@1.49.1', 'sha512-BzmpVcs4kE2CH15rWfzpjzVGhWERJfmnXmniSyKeRZUs9Ws65m+RGIi7mjJK/euCegfn3i7jvqWeWyHe9y3Vgg==', (r) => under(r, 'lib') && js(r)),
  pkg('graphql@16.9.0', 'sha512-GGTKBX4SD7Wdb8mqeDLni2oaRGYQWjWHGKPQ24ZMnUtKfcsVoiv4uX8+LJr1K6U5VW2Lu1BwJnj7uiori0YtRw==', (r) => r.endsWith('.js')),
  pkg('@aws-sdk/client-s3@3.705.0', 'sha512-Fm0Cbc4zr0yG0DnNycz7ywlL5tQFdLSb7xCIPfzrxJb3YQiTXWxH5eu61SSsP/Z6RBNRolmRPvst/iNgX0fWvA==', (r) => under(r, 'dist-es') && js(r)),
  pkg('svelte@5.12.0', 'sha512-nOd7uj0D/4A3IrHnltaFYndVPGViYSs0s+Zi3N4uQg3owJt9RoiUdwxYx8qjorj5CtaGsx8dNYsFVbH6czrGNg==', (r) => under(r, 'src') && js(r)),
  pkg('@types/node@22.10.1', 'sha512-qKgsUwfHZV2WCWLAnVP1JqnpE6Im6h3Y0+fYgMTasNQ7V++CBX5OT1as0g0f+OyubbFqhf6XVNIsmN4IIhEgGQ==', (r) => r.endsWith('.d.ts')),
  pkg('typescript@5.7.2', 'sha512-i5t66RHxDvVN40HfDd1PsEThGNnlMCMT3jMUuoh9/0TaqWevNontacunWyN02LA9/fIbEWlcHZcgTKb9QoaLfg==', (r) => under(r, 'lib') && r.endsWith('.d.ts')),
  pkg('undici@7.1.0', 'sha512-3+mdX2R31khuLCm2mKExSlMdJsfol7bJkIMH80tdXA74W34rT1jKemUTlYR7WY3TqsV4wfOgpatWmmB2Jl1+5g==', (r) => under(r, 'lib') && js(r)),
  pkg('sequelize@6.37.5', 'sha512-10WA4poUb3XWnUROThqL2Apq9C2NhyV1xHPMZuybNMCucDsbbFuKg51jhmyvvAUyUqCiimwTZamc3AHhMoBr2Q==', (r) => under(r, 'lib') && js(r)),
  pkg('handlebars@4.7.8', 'sha512-vafaFqs8MZkRrSX7sFVUdo3ap/eNiLnb4IakshzvP56X5Nr1iGKAIqdX6tMlm6HcNRIkr6AxO5jFEoJzzpT8aQ==', (r) => under(r, 'lib') && js(r)),
  pkg('less@4.2.1', 'sha512-CasaJidTIhWmjcqv0Uj5vccMI7pJgfD9lMkKtlnTHAdJdYK/7l8pM9tumLyJ0zhbD4KJLo/YvTj+xznQd5NBhg==', (r) => under(r, 'lib') && js(r)),
  pkg('jquery@3.7.1', 'sha512-m4avr8yL8kmFN8psrbFFFmB/If14iN5o9nw/NgnnM+kybDJpRsAynV2BsfpTYrTRysYUdADVD7CkUUizgkpLfg==', (r) => under(r, 'src') && js(r)),
  pkg('@babel/types@7.26.3', 'sha512-vN5p+1kl59GVKMvTHt55NzzmYVxprfJD+ql7U9NFIfKCBkYE55LYtS+WtPlaYOyzydrKI8Nezd+aZextrd+FMA==', (r) => under(r, 'lib') && r.endsWith('.js')),
  pkg('@babel/traverse@7.26.4', 'sha512-fH+b7Y4p3yqvApJALCPJcwb0/XaOSgtK4pzV6WVjPR5GLFQBRI7pfoX2V2iM48NXvX07NUxxm1Vw98YjqTcU5w==', (r) => under(r, 'lib') && r.endsWith('.js')),
  pkg('@babel/core@7.26.0', 'sha512-i1SLeK+DzNnQ3LL/CswPCa/E5u4lh1k6IAEphON8F+cXt0t9euTshDru0q7/IqMa1PMPz5RnHuHscF8/ZJsStg==', (r) => under(r, 'lib') && r.endsWith('.js')),
  pkg('terser@5.37.0', 'sha512-B8wRRkmre4ERucLM/uXx4MOV5cbnOlVAqUst+1+iLKPI0dOgFO28f84ptoQt9HEI537PMzfYa/d+GEPKTRXmYA==', (r) => under(r, 'lib') && js(r)),
  pkg('@babylonjs/core@7.37.0', 'sha512-BwwZqRr35V9rasMoApBn7TDubulzL9g6+96HhEqYiRQYqJ5arZTEdhanmYgNDy5zem4zF/k4srCi7HmWH212Aw==', (r) => r.endsWith('.js')),
  pkg('pixi.js@8.6.6', 'sha512-o5pw7G2yuIrnBx0G4npBlmFp+XGNcapI/Ufs62rRj/4XKxc1Zo74YJr/BtEXcXTraTKd+pQvYOLvnfxRjxBMvQ==', (r) => under(r, 'lib') && r.endsWith('.js')),
];

/** Chunks per file of the whole scale corpus (measured: 109,876 chunks from 6,864 indexed files). */
export const SCALE_CHUNKS_PER_FILE = 16;

/** Every file of the scale packages, fetched and verified once (bench/.work/sources). */
export async function scaleFiles(log?: (s: string) => void): Promise<CorpusFile[]> {
  const out: CorpusFile[] = [];
  for (const p of SCALE_PACKAGES) {
    const { dir } = await fetchSource(p.pin, log);
    for (const r of listPackageFiles(dir).filter(p.include)) out.push({ rel: corpusPath(p.pin.package.replace('/', '+'), r), abs: path.join(dir, r) });
  }
  return out;
}

/** Writes about `fraction` of the scale files (a stable sample; all of them at 1) into a fresh `dir`. */
export function writeScaleCorpus(dir: string, files: CorpusFile[], fraction: number): number {
  rmrf(dir);
  ensureDir(dir);
  const chosen = fraction >= 1 ? files : sampleStable(files, Math.max(1, Math.round(files.length * fraction)), (f) => f.rel);
  for (const f of chosen) {
    const dst = path.join(dir, ...f.rel.split('/'));
    fs.mkdirSync(path.dirname(dst), { recursive: true });
    fs.copyFileSync(f.abs, dst);
  }
  return chosen.length;
}
