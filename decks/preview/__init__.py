"""The live preview behind `recap watch`: a warm process that re-renders the HTML recap when the content file,
its pictures or the theme change (`session`), and a loopback web server that shows it and tells the page to
reload (`server`)."""
