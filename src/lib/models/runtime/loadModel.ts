// A prepared model ready to score in Node: its tokenizer and a scoring session.
import path from "node:path";
import { AtlasError } from "../../errors.ts";
import { loadTokenizer, type Tokenizer } from "../loadTokenizer.ts";
import { preparedFiles } from "../preparedManifest.ts";
import type { PreparedModel } from "../prepareModel.ts";
import { ScoringSession, type SessionOptions } from "./scoringSession.ts";
import { END_OF_TEXT_ID } from "../endOfText.ts";

export interface LoadedModel {
  prepared: PreparedModel;
  tokenizer: Tokenizer;
  scorer: ScoringSession;
  /** Longest input in tokens. */
  maxPositions: number;
  /** Throws a one-line error if ids are too long for the model. */
  checkLength(ids: readonly number[], what: string): void;
}

export async function loadModel(prepared: PreparedModel, opts: SessionOptions = {}): Promise<LoadedModel> {
  const tokenizer = await loadTokenizer(prepared.dir, prepared.entry.id);
  const scorer = await ScoringSession.create(path.join(prepared.dir, preparedFiles.onnxScorer), END_OF_TEXT_ID, opts);
  const maxPositions = prepared.manifest.maxPositions;
  return {
    prepared,
    tokenizer,
    scorer,
    maxPositions,
    checkLength(ids, what) {
      if (ids.length > maxPositions) {
        throw new AtlasError(`${what} is ${ids.length} tokens, longer than the model's ${maxPositions} positions (max_position_embeddings)`, {
          model: prepared.entry.id,
        });
      }
      if (ids.length === 0) throw new AtlasError(`${what} has no tokens`, { model: prepared.entry.id });
    },
  };
}
