// Fuzzing every procedure, shard 1 of 2 (see tests/security/fuzz-suite.ts).
import { fuzzSuite } from "../../security/fuzz-suite";

fuzzSuite(0, 2);
