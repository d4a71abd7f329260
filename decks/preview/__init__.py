"""The live preview behind `recap watch`: a warm process that re-renders the HTML recap when the content file,
its pictures or the theme change (`session`, watching with `watched`, planning with `warm`, serving the files of
`files` on the page of `page`), and a loopback web server that shows it and tells the page to reload (`server`)."""
