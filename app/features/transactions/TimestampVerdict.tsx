import { useLocale, useT, Verdict } from '@/components';
import { timestampVerdict, type TimestampFacts } from './timestampVerdict';

/** A signature timestamp's TSA, time and whether the network trusts that TSA, in words and colour. */
export function TimestampVerdict({ timestamp, testId }: { timestamp: TimestampFacts; testId: string }) {
  const t = useT();
  const locale = useLocale();
  const { state, sentence } = timestampVerdict(t, locale, timestamp);
  return (
    <Verdict state={state} testId={testId}>
      {sentence}
    </Verdict>
  );
}
