// Fuzzing every procedure, shard 2 of 2 (see tests/security/fuzz-suite.ts).
import { fuzzSuite } from "../../security/fuzz-suite";

fuzzSuite(1, 2);
