"""The extraction engine: from a parsed Doc to quotations with resolved speakers.

The stages, in the order `analyze` runs them: `text_view` (paragraphs, quotation marks, offsets, built once per
Doc), `quotes` (spans in quotation marks), `cues` and `cue_classifier` (reporting expressions), `attribution`
(which cue reports which words), `people` (who the article names), `speakers` (who each source is), `evidence` and
`confidence` (why, and how sure). `merge` joins the results of a long text's chunks.
"""
